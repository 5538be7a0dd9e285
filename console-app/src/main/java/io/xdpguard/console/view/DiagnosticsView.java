package io.xdpguard.console.view;

import io.xdpguard.console.model.Diagnostics;
import io.xdpguard.console.model.LatencyRecorder;
import io.xdpguard.protocol.Rejection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * What was dropped and why (per rejection reason), what was accepted, and how the console itself keeps up
 * (ingest queue, frame pulses). Refreshed once a second.
 */
final class DiagnosticsView {
    private final Diagnostics diagnostics;
    private final LatencyRecorder pulses;
    private final FlowPane metrics = new FlowPane();
    private final TableView<Diagnostics.Reject> rejects = new TableView<>();
    private final BorderPane root = new BorderPane();

    DiagnosticsView(Diagnostics diagnostics, LatencyRecorder pulses) {
        this.diagnostics = diagnostics;
        this.pulses = pulses;
        metrics.setHgap(10);
        metrics.setVgap(10);
        metrics.setId("diagnostics-metrics");
        rejects.getColumns().addAll(List.of(col("Time", r -> ViewText.time(r.at()), 150),
                col("Broker", Diagnostics.Reject::broker, 110), col("Reason", r -> r.reason().name(), 120),
                col("Topic", Diagnostics.Reject::topic, 300), col("Detail", Diagnostics.Reject::detail, 520)));
        rejects.setId("reject-table");
        // The detail (a parser's message) is the longest: it takes whatever width the window has left.
        TableWidths.lastTakesTheRest(rejects);
        rejects.setPlaceholder(new Label("Nothing dropped: every message so far was well-formed."));
        Label heading = new Label("Dropped messages (most recent " + Diagnostics.RECENT_REJECTS + ")");
        heading.getStyleClass().add("heading");
        VBox box = new VBox(10, metrics, heading, rejects);
        box.getStyleClass().add("panel");
        root.setCenter(box);
    }

    Node node() {
        return root;
    }

    void refresh(long duplicates, int queued, long applied) {
        Diagnostics.Snapshot s = diagnostics.snapshot();
        metrics.getChildren().setAll(
                metric("accepted", s.accepted(), false),
                metric("rejected", s.rejectedTotal(), s.rejectedTotal() > 0),
                metric("dropped: overload", s.overloaded(), s.overloaded() > 0),
                metric("duplicate alert ids", duplicates, false),
                metric("ingest queue", queued, queued > 10_000),
                metric("applied", applied, false));
        for (Rejection r : Rejection.values()) {
            long n = s.rejected().get(r);
            metrics.getChildren().add(metric(r.name().toLowerCase(Locale.ROOT).replace('_', ' '), n, n > 0));
        }
        metrics.getChildren().add(metricText("FX pulse gap p99 / max", pulses.percentileMicros(0.99) / 1000 + " / "
                + pulses.maxMicros() / 1000 + " ms"));
        if (!rejects.getItems().equals(s.recent())) {
            rejects.getItems().setAll(s.recent());
        }
    }

    private static VBox metric(String name, long value, boolean bad) {
        VBox b = metricText(name, Long.toString(value));
        b.setId("metric-" + name.replace(' ', '-').replace(":", ""));
        if (bad) {
            b.getChildren().getFirst().getStyleClass().add("bad");
        }
        return b;
    }

    private static VBox metricText(String name, String value) {
        Label v = new Label(value);
        v.getStyleClass().add("metric-value");
        Label n = new Label(name);
        n.getStyleClass().add("muted");
        VBox b = new VBox(2, v, n);
        b.getStyleClass().add("panel");
        b.setMinWidth(130);
        return b;
    }

    private static TableColumn<Diagnostics.Reject, String> col(String title, Function<Diagnostics.Reject, String> f,
                                                               double width) {
        TableColumn<Diagnostics.Reject, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
