package io.xdpguard.console.view;

import io.xdpguard.console.model.BrokerState;
import io.xdpguard.console.model.FrameDelta;
import io.xdpguard.console.model.HostKey;
import io.xdpguard.console.model.HostSnapshot;
import io.xdpguard.console.sched.Background;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;

/**
 * The console window: toolbar (search, per-broker state), the views as tabs, a status line. Owns the frame
 * pump that feeds every view. Shortcuts: Ctrl+F search, Esc clear search, Ctrl+1..8 views, Ctrl+K
 * acknowledge selected alerts, Ctrl+E / Ctrl+Shift+E export shown alerts as CSV / JSON.
 */
public final class MainView {
    public static final String STYLESHEET = "/io/xdpguard/console/view/console.css";

    private final ViewContext ctx;
    private final StringProperty search = new SimpleStringProperty("");
    private final TextField searchField = new TextField();
    private final HBox brokers = new HBox(6);
    private final Label status = new Label();
    // What the status line says now: it is rewritten once a second, and at once for a new host or a first alert.
    private int statusHosts = -1;
    private int statusAlerts = -1;
    private final TabPane tabs = new TabPane();
    private final StatusWall wall;
    private final RateCharts fleetCharts = new RateCharts("Fleet", false);
    private final AlertsView alerts;
    private final IncidentsView incidents;
    private final HostView host;
    private final DiagnosticsView diagnostics;
    private final ConnectionsView connections;
    private final HistoryView history;
    // The history view's queries: a database scan must not run on the FX thread.
    private final java.util.concurrent.ExecutorService historySearch = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> Background.thread("xg-history-search", Background.STORAGE, r));
    // Exports: the analyst may pick a slow network share in the Save dialog. Normal priority: they wait for it.
    private final java.util.concurrent.ExecutorService exportWriter = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> Background.thread("xg-export", Background.INGEST, r));
    // Reading, saving and removing connection profiles: the desktop keyring answers over D-Bus when it likes.
    // Normal priority: the broker threads a saved profile starts from it inherit its nice value.
    private final java.util.concurrent.ExecutorService profileWriter = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> Background.thread("xg-profiles", Background.INGEST, r));
    private final StartupBanner startup;
    private final BorderPane root = new BorderPane();
    private final FramePump pump;
    private IncidentNotifier notifier;
    private WarmUpViews warmUp;
    private boolean fleetChartsStale;
    private List<BrokerState> chipStates = List.of();

    // Tab order; Ctrl+1..8 follow it.
    private static final int WALL = 0;
    private static final int CHARTS = 1;
    private static final int ALERTS = 2;
    private static final int INCIDENTS = 3;
    private static final int HOST = 4;
    private static final int DIAGNOSTICS = 5;

    public MainView(ViewContext ctx) {
        this.ctx = ctx;
        wall = new StatusWall(search, this::openHost);
        alerts = new AlertsView(ctx, search, exportWriter);
        incidents = new IncidentsView(search, ctx.maxLiveAlerts());
        host = new HostView(ctx.pipeline(), alerts.master(), ctx.connections().commands());
        diagnostics = new DiagnosticsView(ctx.diagnostics(), ctx.pulseGaps());
        connections = new ConnectionsView(ctx.profiles(), ctx.connections(), ctx.startup(), profileWriter);
        history = new HistoryView(ctx.history(), historySearch);
        startup = new StartupBanner(ctx.startup(), ctx.history(), ctx.retryHistory());

        searchField.setId("search");
        searchField.setPromptText("Search hosts, alerts, incidents (Ctrl+F)");
        searchField.getStyleClass().add("search-field");
        search.bind(searchField.textProperty());
        Label title = new Label("XDP Guard");
        title.getStyleClass().add("app-title");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        brokers.setId("broker-chips");
        HBox top = new HBox(title, searchField, grow, brokers);
        top.getStyleClass().add("toolbar-strip");

        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(tab("Status wall", "tab-wall", wall.node()), tab("Charts", "tab-charts", fleetCharts.node()),
                tab("Alerts", "tab-alerts", alerts.node()), tab("Incidents", "tab-incidents", incidents.node()),
                tab("Host", "tab-host", host.node()), tab("Diagnostics", "tab-diagnostics", diagnostics.node()),
                tab("Connections", "tab-connections", connections.node()), tab("History", "tab-history", history.node()));
        status.setId("status-line");
        HBox bottom = new HBox(startup.progress(), status);
        bottom.getStyleClass().add("status-bar");
        root.setTop(new javafx.scene.layout.VBox(top, startup.banner()));
        root.setCenter(tabs);
        root.setBottom(bottom);
        root.setId("console-root");
        fleetCharts.load(ctx.pipeline().history(null).snapshot());
        List<javafx.scene.Node> contents = tabs.getTabs().stream().map(Tab::getContent).toList();
        attachSelected(contents);
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            attachSelected(contents);
            shown(b.intValue());
        });
        pump = new FramePump(ctx.pipeline()::takeFrame, this::apply, this::everyFrame, this::everySecond,
                ctx.pulseGaps());
    }

    /** Shows the window and starts feeding it. */
    public void show(Stage stage) {
        Scene scene = new Scene(root, 1600, 960);
        IncidentNotifier.preinstallStylesheet(scene);
        scene.getStylesheets().add(MainView.class.getResource(STYLESHEET).toExternalForm());
        scene.setFill(windowBase(scene.getStylesheets()));
        shortcuts(scene);
        stage.setTitle("XDP Guard console");
        stage.setScene(scene);
        stage.show();
        notifier = new IncidentNotifier(stage, ctx.notifyIntervalMs());
        warmUp = new WarmUpViews(ctx.warmUpFrames(), alerts, notifier::rehearsal);
        pump.start();
    }

    /**
     * The window's base colour as the stylesheet gives it ({@code .window-base}): the scene's fill, so that no
     * region has to paint it under the views (console.css says why). A colour the stylesheet does not give is
     * the stock dark one.
     */
    static Paint windowBase(List<String> stylesheets) {
        Region base = new Region();
        base.getStyleClass().add("window-base");
        Scene probe = new Scene(new Group(base));
        probe.getStylesheets().setAll(stylesheets);
        base.applyCss();
        javafx.scene.layout.Background fills = base.getBackground();
        return fills == null || fills.getFills().isEmpty() ? Color.web("#0d1117") : fills.getFills().getFirst().getFill();
    }

    public void stop() {
        pump.stop();
        historySearch.shutdownNow();
        // Not shutdownNow: an export being written finishes (it writes a temporary file, then moves it).
        exportWriter.shutdown();
        // Nor a profile being saved: profiles.json is written aside and moved, and its secrets follow.
        profileWriter.shutdown();
    }

    public Parent root() {
        return root;
    }

    /**
     * One frame's batch. Views that are not showing only take note: a hidden chart or table laid out and
     * styled on every frame costs the FX thread as much as a visible one. They catch up when shown.
     */
    private void apply(FrameDelta d) {
        wall.apply(d.hosts());
        alerts.apply(d.alerts());
        incidents.apply(d.incidents(), d.removedIncidents());
        if (showing(CHARTS)) {
            fleetCharts.add(d.fleetSamples());
        } else if (!d.fleetSamples().isEmpty()) {
            fleetChartsStale = true;
        }
        if (showing(HOST)) {
            host.samples(d.hostSamples());
            if (host.current() != null) {
                for (HostSnapshot h : d.hosts()) {
                    host.show(h, System.currentTimeMillis());
                }
            }
        }
        if (notifier != null) {
            notifier.apply(d.incidents(), ctx.clock().millis());
        }
    }

    private void everyFrame() {
        if (warmUp != null && !warmUp.step(showing(ALERTS))) {
            warmUp = null;
        }
        if (showing(WALL)) {
            wall.draw(System.currentTimeMillis());
        }
        if (showing(INCIDENTS)) {
            incidents.flush();
        }
        host.everyFrame();
        history.everyFrame();
        alerts.everyFrame();
        connections.everyFrame();
        startup.everyFrame();
        if (wall.size() != statusHosts || (statusAlerts == 0 && alerts.windowSize() > 0)) {
            // Beside a first tile or row, "0 hosts" or "0 alerts" for up to a second looked broken.
            statusLine();
        }
    }

    /** A view coming on screen catches up with what it skipped while hidden. */
    private void shown(int tab) {
        switch (tab) {
            case CHARTS -> {
                if (fleetChartsStale) {
                    fleetChartsStale = false;
                    fleetCharts.load(ctx.pipeline().history(null).snapshot());
                }
            }
            case WALL -> wall.refresh(System.currentTimeMillis(), true);
            case INCIDENTS -> incidents.flush();
            case HOST -> host.reload(wall.host(host.current()), System.currentTimeMillis());
            case DIAGNOSTICS -> refreshDiagnostics();
            default -> {
            }
        }
    }

    private boolean showing(int tab) {
        return tabs.getSelectionModel().getSelectedIndex() == tab;
    }

    private void refreshDiagnostics() {
        diagnostics.refresh(ctx.pipeline().duplicates(), ctx.pipeline().queued(), ctx.pipeline().applied());
    }

    private void everySecond(long now) {
        startup.everySecond();
        wall.refresh(now, showing(WALL));
        host.hosts(wall.keys());
        if (host.current() != null && showing(HOST)) {
            host.show(wall.host(host.current()), now);
        }
        List<BrokerState> states = ctx.connections().states();
        connections.refresh(states);
        if (!states.equals(chipStates)) {
            // New chips only when a state changed: new nodes each second mean CSS and layout each second.
            chipStates = states;
            brokers.getChildren().setAll(states.stream().map(this::chip).toList());
        }
        if (showing(DIAGNOSTICS)) {
            refreshDiagnostics();
        }
        statusLine();
    }

    private void statusLine() {
        var diag = ctx.diagnostics().snapshot();
        statusHosts = wall.size();
        statusAlerts = alerts.windowSize();
        status.setText(ViewText.count(statusHosts, "host") + " · "
                + ViewText.count(statusAlerts, "alert") + " in window · "
                + ViewText.count(diag.accepted(), "message") + " accepted · " + diag.rejectedTotal()
                + " dropped as invalid · frame p99 "
                + ctx.pulseGaps().percentileMicros(0.99) / 1000 + " ms");
    }

    private Label chip(BrokerState s) {
        Label l = new Label(s.profile() + ": " + s.phase().name().toLowerCase(Locale.ROOT));
        l.getStyleClass().addAll("broker-chip", s.phase().name().toLowerCase(Locale.ROOT));
        l.setId("broker-" + s.profile());
        l.setTooltip(new javafx.scene.control.Tooltip(s.url() + "\n" + s.detail()));
        return l;
    }

    private void openHost(HostKey key) {
        host.hosts(wall.keys());
        host.select(key, wall.host(key));
        tabs.getSelectionModel().select(HOST);
    }

    private void shortcuts(Scene scene) {
        var acc = scene.getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            searchField.requestFocus();
            searchField.selectAll();
        });
        acc.put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), alerts::acknowledgeSelected);
        acc.put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
                () -> alerts.exportShown(ExportTarget.Format.CSV));
        acc.put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> alerts.exportShown(ExportTarget.Format.JSON));
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
                KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8};
        for (int i = 0; i < digits.length; i++) {
            int index = i;
            acc.put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN),
                    () -> tabs.getSelectionModel().select(index));
        }
        // A filter, not a handler: the text field's own behaviour consumes Escape before handlers see it.
        searchField.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                searchField.clear();
                e.consume();
            }
        });
    }

    /**
     * Only the selected tab's view is in the scene graph, except the status wall. JavaFX walks every node of the
     * scene for bounds on every frame, shown or not: the hidden views (and the status wall's 500 tiles when they
     * were all in the scene) were a fifth of the FX thread's time under a burst. A view put back is styled and
     * laid out on its first frame. The wall now holds only the tiles in its view, and a TilesFX tile that leaves
     * the scene redraws itself several times over when it comes back (its skin replays what it queued while not
     * showing): putting the wall back cost a frame of 160-680 ms each time. Hidden, it stays put (it re-sorts
     * only while shown, StatusWall.refresh), so keeping it costs the frame walk of a screenful of tiles.
     */
    private void attachSelected(List<javafx.scene.Node> contents) {
        int selected = tabs.getSelectionModel().getSelectedIndex();
        for (int i = 0; i < contents.size(); i++) {
            tabs.getTabs().get(i).setContent(i == selected || i == WALL ? contents.get(i) : null);
        }
    }

    private static Tab tab(String title, String id, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }
}
