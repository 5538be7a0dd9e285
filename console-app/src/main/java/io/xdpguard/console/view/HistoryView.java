package io.xdpguard.console.view;

import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.store.AlertHistory;
import io.xdpguard.console.store.HistoryGate;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * Every stored alert, not just the live window: a search over the history database. The query runs on the
 * history search thread; its result is picked up by the frame pump, like every other change.
 */
final class HistoryView {
    static final int LIMIT = 1_000;

    private final HistoryGate history;
    private final ExecutorService searcher;
    private final TextField query = new TextField();
    private final Button search = new Button("Search history");
    private final Label result = new Label("Alerts older than the live table are here: search by host, target, "
            + "source, severity, id…");
    private final TableView<AlertEntry> table = new TableView<>();
    private final BorderPane root = new BorderPane();
    private CompletableFuture<List<AlertEntry>> inFlight;

    HistoryView(HistoryGate history, ExecutorService searcher) {
        this.history = history;
        this.searcher = searcher;
        query.setId("history-query");
        query.setPromptText("text to find (empty: the newest)");
        query.getStyleClass().add("search-field");
        query.setOnAction(e -> run());
        search.setId("history-search");
        search.setOnAction(e -> run());
        result.setId("history-result");
        result.getStyleClass().add("muted");
        table.getColumns().addAll(List.of(col("Time", e -> ViewText.time(e.alert().detectedAt()), 150),
                col("Severity", e -> e.alert().severity().name(), 90), col("Site", e -> e.alert().site(), 90),
                col("Host", e -> e.alert().host(), 120), col("Kind", e -> e.alert().kind().wire(), 90),
                col("State", e -> e.alert().state().wire(), 65), col("Target", e -> e.alert().target().toString(), 150),
                col("Peak SYN/s", e -> Long.toString(e.alert().peakSynPerSec()), 95),
                col("Top sources", AlertEntry::topSourcesText, 260), col("Mode/action", AlertEntry::modeAction, 140),
                col("Ack", e -> e.acknowledged() ? "✓" : "", 45)));
        table.setId("history-table");
        table.setFixedCellSize(24);
        table.setPlaceholder(new Label("Search to list stored alerts, newest first."));
        HBox bar = new HBox(query, search, result);
        bar.getStyleClass().add("toolbar-strip");
        root.setTop(bar);
        root.setCenter(table);
    }

    Node node() {
        return root;
    }

    private void run() {
        if (inFlight != null) {
            return;
        }
        AlertHistory opened = history.history().orElse(null);
        if (opened == null) {
            result.setText("The alert history is not open yet: search again in a moment.");
            return;
        }
        String text = query.getText();
        inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return opened.search(text, LIMIT);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, searcher);
        search.setDisable(true);
        result.setText("searching…");
    }

    /** Every frame: a finished search fills the table. */
    void everyFrame() {
        if (inFlight == null || !inFlight.isDone()) {
            return;
        }
        CompletableFuture<List<AlertEntry>> done = inFlight;
        inFlight = null;
        search.setDisable(false);
        try {
            List<AlertEntry> rows = done.join();
            table.getItems().setAll(rows);
            result.setText(rows.size() + (rows.size() == LIMIT ? "+ alerts (the newest " + LIMIT + " shown)" : " alerts")
                    + " found, newest first");
        } catch (RuntimeException e) {
            table.getItems().clear();
            result.setText("Search failed: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
    }

    private static TableColumn<AlertEntry, String> col(String title, Function<AlertEntry, String> f, double width) {
        TableColumn<AlertEntry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
