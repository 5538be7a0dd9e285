package io.xdpguard.console.view;

import io.xdpguard.console.model.BrokerState;
import io.xdpguard.console.model.FrameDelta;
import io.xdpguard.console.model.HostKey;
import io.xdpguard.console.model.HostSnapshot;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
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
import javafx.stage.Stage;

/**
 * The console window: toolbar (search, per-broker state), the views as tabs, a status line. Owns the frame
 * pump that feeds every view. Shortcuts: Ctrl+F search, Esc clear search, Ctrl+1..7 views, Ctrl+K
 * acknowledge selected alerts, Ctrl+E / Ctrl+Shift+E export shown alerts as CSV / JSON.
 */
public final class MainView {
    public static final String STYLESHEET = "/io/xdpguard/console/view/console.css";

    private final ViewContext ctx;
    private final StringProperty search = new SimpleStringProperty("");
    private final TextField searchField = new TextField();
    private final HBox brokers = new HBox(6);
    private final Label status = new Label();
    private final TabPane tabs = new TabPane();
    private final StatusWall wall;
    private final RateCharts fleetCharts = new RateCharts("Fleet");
    private final AlertsView alerts;
    private final IncidentsView incidents;
    private final HostView host;
    private final DiagnosticsView diagnostics;
    private final ConnectionsView connections;
    private final BorderPane root = new BorderPane();
    private final FramePump pump;
    private IncidentNotifier notifier;

    public MainView(ViewContext ctx) {
        this.ctx = ctx;
        wall = new StatusWall(search, this::openHost);
        alerts = new AlertsView(ctx, search);
        incidents = new IncidentsView(search, ctx.maxLiveAlerts());
        host = new HostView(ctx.pipeline(), alerts.master());
        diagnostics = new DiagnosticsView(ctx.diagnostics(), ctx.pulseGaps());
        connections = new ConnectionsView(ctx.profiles(), ctx.connections());

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
                tab("Connections", "tab-connections", connections.node()));
        status.setId("status-line");
        HBox bottom = new HBox(status);
        bottom.getStyleClass().add("status-bar");
        root.setTop(top);
        root.setCenter(tabs);
        root.setBottom(bottom);
        root.setId("console-root");
        fleetCharts.load(ctx.pipeline().history(null).snapshot());
        pump = new FramePump(ctx.pipeline()::takeFrame, this::apply, this::everyFrame, this::everySecond,
                ctx.pulseGaps(), ctx.visibleLatency());
    }

    /** Shows the window and starts feeding it. */
    public void show(Stage stage) {
        Scene scene = new Scene(root, 1600, 960);
        scene.getStylesheets().add(MainView.class.getResource(STYLESHEET).toExternalForm());
        shortcuts(scene);
        stage.setTitle("XDP Guard console");
        stage.setScene(scene);
        stage.show();
        notifier = new IncidentNotifier(stage, ctx.notifyIntervalMs());
        pump.start();
    }

    public void stop() {
        pump.stop();
    }

    public Parent root() {
        return root;
    }

    private void apply(FrameDelta d) {
        wall.apply(d.hosts());
        alerts.apply(d.alerts());
        incidents.apply(d.incidents(), d.removedIncidents());
        fleetCharts.add(d.fleetSamples());
        host.samples(d.hostSamples());
        if (host.current() != null) {
            for (HostSnapshot h : d.hosts()) {
                host.show(h, System.currentTimeMillis());
            }
        }
        if (notifier != null) {
            notifier.apply(d.incidents(), ctx.clock().millis());
        }
    }

    private void everyFrame() {
        if (tabs.getSelectionModel().getSelectedIndex() == 0) {
            wall.draw(System.currentTimeMillis());
        }
    }

    private void everySecond(long now) {
        wall.refresh(now);
        host.hosts(wall.keys());
        if (host.current() != null) {
            host.show(wall.host(host.current()), now);
        }
        List<BrokerState> states = ctx.connections().states();
        connections.refresh(states);
        brokers.getChildren().setAll(states.stream().map(this::chip).toList());
        diagnostics.refresh(ctx.pipeline().duplicates(), ctx.pipeline().queued(), ctx.pipeline().applied());
        var diag = ctx.diagnostics().snapshot();
        status.setText(wall.keys().size() + " hosts · " + alerts.master().size() + " alerts in window · "
                + diag.accepted() + " messages accepted · " + diag.rejectedTotal() + " dropped as invalid · frame p99 "
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
        tabs.getSelectionModel().select(4);
    }

    private void shortcuts(Scene scene) {
        var acc = scene.getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            searchField.requestFocus();
            searchField.selectAll();
        });
        acc.put(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), alerts::acknowledgeSelected);
        acc.put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), () -> alerts.exportShown(false));
        acc.put(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> alerts.exportShown(true));
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
                KeyCode.DIGIT6, KeyCode.DIGIT7};
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

    private static Tab tab(String title, String id, javafx.scene.Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }
}
