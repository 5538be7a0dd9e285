package io.xdpguard.console.view;

import io.xdpguard.console.ingest.FleetPipeline;
import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.model.HostKey;
import io.xdpguard.console.model.HostSnapshot;
import io.xdpguard.console.model.RateHistory;
import io.xdpguard.console.model.RateSample;
import io.xdpguard.console.mqtt.AgentCommands;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Thresholds;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One host, opened from its tile: what it runs, how it is, its rates for ten minutes, and its alerts. After a
 * command the agent confirmed, its mode and thresholds show in the same frame as the ✓, from the reply; the
 * fleet gets the same reply, and until a snapshot shows it (at most {@link #COMMANDED_HOLD_MS}) the view keeps the
 * reply's values, so a snapshot sealed just before the reply cannot flip them back.
 */
final class HostView {
    static final long COMMANDED_HOLD_MS = 2_000;

    private final FleetPipeline pipeline;
    private final ComboBox<HostKey> chooser = new ComboBox<>();
    private final Label title = new Label("No host selected: click a tile on the status wall.");
    private final Label state = new Label();
    private final GridPane facts = new GridPane();
    private final RateCharts charts = new RateCharts("host", true);
    private final FilteredList<AlertRow> alerts;
    private final BorderPane root = new BorderPane();
    private final CommandPanel commands;
    private HostKey current;
    private HostSnapshot shown;
    private Status commanded;
    private long commandedAt;

    HostView(FleetPipeline pipeline, ObservableList<AlertRow> allAlerts, AgentCommands agentCommands) {
        this.pipeline = pipeline;
        this.commands = new CommandPanel(agentCommands);
        this.alerts = new FilteredList<>(allAlerts, r -> false);
        chooser.setId("host-chooser");
        chooser.setPromptText("choose a host");
        chooser.valueProperty().addListener((o, a, k) -> {
            if (k != null && !k.equals(current)) {
                select(k, null);
            }
        });
        title.getStyleClass().add("heading");
        title.setId("host-title");
        state.setId("host-state");
        facts.setHgap(18);
        facts.setVgap(4);
        // The alert table below takes the height left; the facts keep theirs (the thresholds are two lines).
        facts.setMinHeight(Region.USE_PREF_SIZE);
        HBox bar = new HBox(new Label("Host"), chooser, title, state);
        bar.getStyleClass().add("toolbar-strip");

        TableView<AlertRow> table = new TableView<>();
        table.getColumns().addAll(List.of(col("Time", e -> ViewText.time(e.alert().detectedAt())),
                col("Severity", e -> e.alert().severity().name()), col("State", e -> e.alert().state().wire()),
                col("Target", e -> e.alert().target().toString()),
                col("Peak SYN/s", e -> Long.toString(e.alert().peakSynPerSec())),
                col("Mode/action", AlertEntry::modeAction)));
        table.setPlaceholder(new Label("No alerts from this host in the live window."));
        SortedList<AlertRow> newestFirst = new SortedList<>(alerts,
                java.util.Comparator.comparingLong((AlertRow r) -> r.entry().receivedAt()).reversed());
        table.setItems(newestFirst);
        VBox side = new VBox(10, facts, commands.node(), new Label("Alerts"), table);
        side.getStyleClass().add("panel");
        SplitPane split = new SplitPane(charts.node(), side);
        split.setDividerPositions(0.62);
        root.setTop(bar);
        root.setCenter(split);
    }

    Node node() {
        return root;
    }

    void hosts(List<HostKey> keys) {
        if (!chooser.getItems().equals(keys)) {
            HostKey keep = chooser.getValue();
            chooser.getItems().setAll(keys);
            chooser.setValue(keep);
        }
    }

    void select(HostKey key, HostSnapshot snapshot) {
        current = key;
        shown = null;
        commanded = null;
        chooser.setValue(key);
        charts.title(key.toString());
        RateHistory h = pipeline.history(key);
        charts.load(h == null ? List.of() : h.snapshot());
        charts.threshold(snapshot == null ? 0 : snapshot.synThreshold());
        alerts.setPredicate(r -> r.entry().alert().site().equals(key.site())
                && r.entry().alert().host().equals(key.host()));
        commands.target(snapshot);
        if (snapshot != null) {
            show(snapshot, System.currentTimeMillis());
        }
    }

    /** Every frame: only the command panel has something to pick up (a finished command). */
    void everyFrame() {
        Status applied = commands.everyFrame();
        if (applied != null && shown != null && shown.key().equals(new HostKey(applied.site(), applied.host()))) {
            long now = System.currentTimeMillis();
            commanded = applied;
            commandedAt = now;
            show(shown, now);
        }
    }

    /** On show: the charts catch up with the samples skipped while hidden, the facts with the latest snapshot. */
    void reload(HostSnapshot latest, long now) {
        if (current == null) {
            return;
        }
        RateHistory h = pipeline.history(current);
        charts.load(h == null ? List.of() : h.snapshot());
        show(latest, now);
    }

    HostKey current() {
        return current;
    }

    void samples(java.util.Map<HostKey, RateSample> samples) {
        RateSample s = current == null ? null : samples.get(current);
        if (s != null) {
            charts.add(List.of(s));
        }
    }

    void show(HostSnapshot latest, long now) {
        if (latest == null || !latest.key().equals(current)) {
            return;
        }
        shown = latest;
        HostSnapshot h = latest;
        if (commanded != null) {
            if (latest.shows(commanded) || now - commandedAt > COMMANDED_HOLD_MS) {
                commanded = null;
            } else {
                h = latest.withModeAndThresholdsOf(commanded);
            }
        }
        commands.target(h);
        charts.threshold(h.synThreshold());
        title.setText(h.key().toString());
        state.setText(StatusWall.stateLine(h, now));
        state.getStyleClass().setAll("label", "liveness-" + h.liveness().name().toLowerCase(Locale.ROOT));
        facts.getChildren().clear();
        int r = 0;
        r = fact(r, "SYN/s", ViewText.rate(h.synPerSec()) + (h.synThreshold() > 0 ? " of " + h.synThreshold() : ""));
        r = fact(r, "packets/s", ViewText.rate(h.pps()));
        r = fact(r, "dropped / would-drop", h.droppedPerSec() + " / " + h.wouldDropPerSec() + " per s");
        r = fact(r, "active incidents", h.activeIncidents() + (h.worst() == null ? "" : " (worst " + h.worst() + ")"));
        r = fact(r, "guard mode", h.mode() == null ? "—" : h.mode().name(), "host-mode");
        r = fact(r, "thresholds", thresholds(h.thresholds()), "host-thresholds");
        r = fact(r, "last seen", ViewText.time(h.lastSeen()) + " (" + ViewText.ago(h.lastSeen(), now) + ")");
        r = fact(r, "agent / kernel", nz(h.agentVersion()) + " / " + nz(h.kernel()));
        r = fact(r, "interface / XDP", nz(h.iface()) + " / " + nz(h.attachMode()));
        r = fact(r, "agent started", ViewText.time(h.startedAt()));
        fact(r, "broker", nz(h.broker()));
    }

    private int fact(int row, String name, String value) {
        return fact(row, name, value, null);
    }

    private int fact(int row, String name, String value, String id) {
        Label n = new Label(name);
        n.getStyleClass().add("muted");
        // The names are short and never cut short.
        n.setMinWidth(Region.USE_PREF_SIZE);
        Label v = new Label(value);
        v.setId(id);
        facts.addRow(row, n, v);
        return row + 1;
    }

    private static String thresholds(Thresholds t) {
        // Two lines: on one, the side panel cut it short at its usual width.
        return t == null ? "—" : "window " + t.windowMs() + " ms · block " + t.blockMs() + " ms\nSYN/s per target "
                + t.targetSynPerSec() + ", per source " + t.sourceSynPerSec();
    }

    private static String nz(String s) {
        return s == null ? "—" : s;
    }

    private static TableColumn<AlertRow, String> col(String title, Function<AlertEntry, String> f) {
        TableColumn<AlertRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue().entry())));
        return c;
    }
}
