package io.xdpguard.console.view;

import io.xdpguard.console.ingest.FleetPipeline;
import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.model.AlertKey;
import io.xdpguard.console.model.InsertCadence;
import io.xdpguard.console.view.ExportTarget.Format;
import io.xdpguard.protocol.Severity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.controlsfx.control.table.ColumnFilter;
import org.controlsfx.control.table.TableFilter;

/**
 * Every alert in the live window: sortable, filterable per column (ControlsFX TableFilter, right-click a
 * header), searchable by free text, acknowledged one by one or in bulk, exported as filtered. The window is
 * bounded; older alerts are in the history database.
 */
final class AlertsView {
    private static final PseudoClass ACKED = PseudoClass.getPseudoClass("acknowledged");

    private final ObservableList<AlertRow> master = FXCollections.observableArrayList();
    private final FilteredList<AlertRow> searched = new FilteredList<>(master);
    private final Map<AlertKey, AlertRow> index = new HashMap<>();
    private final TableView<AlertRow> table = new TableView<>();
    private final TableFilter<AlertRow> tableFilter;
    private final Label counts = new Label();
    private final TableCover cover;
    private boolean rehearsing;
    private final BorderPane root = new BorderPane();
    private final FleetPipeline pipeline;
    private final AlertExporter exporter;
    private final Clock clock;
    private final int maxRows;
    private boolean countsDirty;
    private final java.util.LinkedHashMap<AlertKey, AlertEntry> waiting = new java.util.LinkedHashMap<>();
    private final io.xdpguard.console.model.LatencyRecorder visible;
    private final long startedAt;
    private final InsertCadence cadence = new InsertCadence(System.nanoTime());
    private int columns;
    final TableColumn<AlertRow, String> hostColumn;

    AlertsView(ViewContext ctx, StringProperty search, Executor exportWriter) {
        this.pipeline = ctx.pipeline();
        this.clock = ctx.clock();
        this.exporter = new AlertExporter(ctx.export(), ctx.exportTarget(), ctx.exportDir(), clock, exportWriter);
        this.maxRows = ctx.maxLiveAlerts();
        this.visible = ctx.visibleLatency();
        this.startedAt = clock.millis();
        search.addListener((o, a, text) -> searched.setPredicate(text == null || text.isBlank() ? null
                : row -> row.entry().matches(text)));

        TableColumn<AlertRow, Severity> severity = column("Severity", e -> e.alert().severity(), 90);
        severity.setCellFactory(c -> new SeverityCell<>());
        severity.setComparator(java.util.Comparator.naturalOrder());
        // Sorted as a number and formatted only when drawn: sorting formatted strings cost a format per comparison.
        TableColumn<AlertRow, Long> time = column("Time", e -> e.alert().detectedAt(), 150);
        time.setCellFactory(c -> new TextOnlyCell<>(ViewText::time));
        hostColumn = column("Host", e -> e.alert().host(), 120);
        // A constant per row, not a binding: a binding per visible cell is re-created on every cell reuse, and
        // acknowledged rows are repainted by refresh() anyway.
        TableColumn<AlertRow, String> ack = column("Ack", e -> e.acknowledged() ? "✓" : "", 45);
        table.getColumns().addAll(List.of(severity, time, column("Site", e -> e.alert().site(), 90), hostColumn,
                column("Kind", e -> e.alert().kind().wire(), 90), column("State", e -> e.alert().state().wire(), 65),
                column("Target", e -> e.alert().target().toString(), 150),
                column("Peak SYN/s", e -> e.alert().peakSynPerSec(), 95),
                topSources(),
                column("Mode/action", AlertEntry::modeAction, 140), ack));
        time.setSortType(TableColumn.SortType.DESCENDING);
        table.setId("alert-table");
        // Rows of one height: the table's virtual flow then never measures cells, the main cost under a burst.
        table.setFixedCellSize(24);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label("No alerts: when an agent reports a SYN flood it appears here."));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(AlertRow item, boolean empty) {
                super.updateItem(item, empty);
                boolean acked = !empty && item != null && item.entry().acknowledged();
                if (acked != getPseudoClassStates().contains(ACKED)) {
                    pseudoClassStateChanged(ACKED, acked);
                    // Rows get their items in the layout pass, after the frame's CSS pass: styled now, or a row
                    // pushed down by new alerts keeps the previous alert's dimming for a frame (see SeverityCell).
                    applyCss();
                }
            }

            @Override
            protected javafx.scene.control.Skin<?> createDefaultSkin() {
                return new LiveRowSkin<>(this);
            }
        });
        table.setItems(searched);
        tableFilter = TableFilter.forTableView(table).lazy(true).apply();
        // Published on the table so that code holding only the table (tests, a future menu) reaches the filter.
        table.getProperties().put("xg.tableFilter", tableFilter);
        table.getSortOrder().add(time);

        Button ackButton = new Button("Acknowledge selected (Ctrl+K)");
        ackButton.setId("ack-selected");
        ackButton.setOnAction(e -> acknowledgeSelected());
        Button ackAll = new Button("Acknowledge all shown");
        ackAll.setId("ack-shown");
        ackAll.setOnAction(e -> acknowledge(List.copyOf(table.getItems())));
        Button csv = new Button("Export CSV (Ctrl+E)");
        csv.setId("export-csv");
        csv.setOnAction(e -> exportShown(Format.CSV));
        Button json = new Button("Export JSON (Ctrl+Shift+E)");
        json.setId("export-json");
        json.setOnAction(e -> exportShown(Format.JSON));
        counts.getStyleClass().add("muted");
        counts.setId("alert-counts");
        // A long export message wraps in the space between; the buttons and counts keep their width.
        for (Region fixed : List.of(ackButton, ackAll, csv, json, counts)) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox.setHgrow(exporter.result(), Priority.ALWAYS);
        HBox bar = new HBox(ackButton, ackAll, csv, json, exporter.result(), counts);
        bar.getStyleClass().add("toolbar-strip");
        root.setTop(bar);
        cover = new TableCover(table);
        root.setCenter(cover.node());
        // Search and column filters change what is shown without a frame: count then too.
        table.getItems().addListener((javafx.collections.ListChangeListener<AlertRow>) c -> countsDirty = true);
    }

    Node node() {
        return root;
    }

    TableView<AlertRow> table() {
        return table;
    }

    TableFilter<AlertRow> tableFilter() {
        return tableFilter;
    }

    ObservableList<AlertRow> master() {
        return master;
    }

    /**
     * Once per frame, the frame's alerts: rows already shown are updated in place (acknowledgements, repainted
     * at once); new ones wait for the next table update (see {@link #everyFrame}). A replay of a waiting alert
     * replaces it. At most a window's worth waits: older ones would be dropped from the table anyway.
     */
    void apply(List<AlertEntry> changed) {
        if (rehearsing && !changed.isEmpty()) {
            endRehearsal();
        }
        take(changed);
    }

    private void take(List<AlertEntry> changed) {
        boolean updated = false;
        for (AlertEntry e : changed) {
            AlertRow row = index.get(e.key());
            if (row != null) {
                row.update(e);
                updated = true;
            } else {
                waiting.put(e.key(), e);
                if (live(e)) {
                    cadence.waiting(e.alert().ts());
                }
                if (waiting.size() > maxRows) {
                    waiting.pollFirstEntry();
                }
            }
        }
        if (updated) {
            // Acknowledged rows changed in place: repaint their dimming without resorting.
            table.refresh();
            countsDirty = true;
        }
    }

    /**
     * Every frame: new rows enter the table when the {@link InsertCadence} says so, in ONE remove of the
     * oldest beyond the bound and ONE addAll. Each insert shifts every visible row, which costs the FX thread
     * a layout and CSS pass of the whole visible table (tens of ms in software rendering) however few rows
     * arrived, so under a burst rows are coalesced; a lone alert after a quiet spell goes in at once. The
     * table is bounded (older alerts stay in the history database) because every change walks the sort and
     * filter chain under it.
     */
    void everyFrame() {
        long now = System.nanoTime();
        if (!waiting.isEmpty() && cadence.due(now, clock.millis())) {
            insertWaiting();
        }
        if (countsDirty) {
            updateCounts();
        }
        exporter.everyFrame();
    }

    private void insertWaiting() {
        List<AlertRow> added = new ArrayList<>(waiting.size());
        List<AlertRow> older = new ArrayList<>();
        long oldestShown = master.isEmpty() ? Long.MIN_VALUE : master.getFirst().entry().receivedAt();
        for (AlertEntry e : waiting.values()) {
            AlertRow row = new AlertRow(e, columns);
            index.put(e.key(), row);
            // Stored alerts reloaded after live ones came (the history opens in the background) are older than
            // the rows shown: they go first, so that the bound below drops them first.
            (e.receivedAt() < oldestShown ? older : added).add(row);
        }
        if (!older.isEmpty()) {
            master.addAll(0, older);
        }
        int excess = master.size() + added.size() - maxRows;
        if (excess > 0) {
            master.subList(0, excess).forEach(r -> index.remove(r.entry().key()));
            master.remove(0, excess);
        }
        master.addAll(added);
        long wall = clock.millis();
        for (AlertEntry e : waiting.values()) {
            // Alert ts is the agent's publish time; with synchronised clocks this is publish-to-row. Alerts
            // restored from history at start are not new and are left out.
            if (live(e) && !rehearsing) {
                visible.recordMicros(Math.max(0, wall - e.alert().ts()) * 1_000);
            }
        }
        waiting.clear();
        countsDirty = true;
    }

    /**
     * Whether a rehearsal ({@link #rehearse}) may start: the table has had no rows yet, and no column filter has been
     * opened (an open filter lists the values of the rows that pass through, made-up ones too).
     */
    boolean rehearsable() {
        return !rehearsing && master.isEmpty() && waiting.isEmpty()
                && tableFilter.getColumnFilters().stream().noneMatch(ColumnFilter::isInitialized);
    }

    /**
     * Start-up rehearsal: made-up alerts (the warm-up's) go through this view's own code, as a burst's do (waiting,
     * inserts at the table's cadence, sorting, filtering, the window's bound, cells, CSS, layout), so that the JIT
     * compilers have compiled it before the first attack. Meanwhile a cover hides the table and takes its clicks,
     * the counts and the shortcuts ignore it, and no latency is recorded; {@link #endRehearsal} empties it again.
     * The first real alert ends it before it is applied.
     */
    void rehearse(List<AlertEntry> madeUp) {
        if (!rehearsing) {
            rehearsing = true;
            cover.raise();
        }
        take(madeUp);
    }

    /** Rehearses {@code view} too, under the table's cover while the rehearsal lasts. */
    void rehearseUnderCover(Node view) {
        cover.addUnder(view);
    }

    boolean rehearsing() {
        return rehearsing;
    }

    void endRehearsal() {
        if (!rehearsing) {
            return;
        }
        rehearsing = false;
        waiting.clear();
        index.clear();
        master.clear();
        cover.lower();
        countsDirty = true;
    }

    /** The rows in the live window, as the status line counts them (none during a rehearsal). */
    int windowSize() {
        return rehearsing ? 0 : master.size();
    }

    /** Raised since the console started: not restored from the history, nor acknowledged already. */
    private boolean live(AlertEntry e) {
        return e.acknowledgedAt() == null && e.receivedAt() >= startedAt;
    }

    void acknowledgeSelected() {
        acknowledge(List.copyOf(table.getSelectionModel().getSelectedItems()));
    }

    private void acknowledge(List<AlertRow> rows) {
        if (rehearsing) {
            return;
        }
        pipeline.acknowledge(rows.stream().filter(r -> !r.entry().acknowledged()).map(r -> r.entry().key()).toList());
    }

    /** Exports the rows as shown (filtered and sorted) to where the analyst chooses. */
    void exportShown(Format format) {
        if (rehearsing) {
            return;
        }
        List<AlertEntry> rows = table.getItems().stream().map(AlertRow::entry).toList();
        exporter.export(rows, format, root.getScene() == null ? null : root.getScene().getWindow());
    }

    private void updateCounts() {
        countsDirty = false;
        if (rehearsing) {
            return;
        }
        long unacked = master.stream().filter(r -> !r.entry().acknowledged()).count();
        counts.setText("showing " + table.getItems().size() + " of " + master.size() + " · " + unacked
                + " unacknowledged");
    }

    private <V> TableColumn<AlertRow, V> column(String title, Function<AlertEntry, V> value, double width) {
        TableColumn<AlertRow, V> c = new TableColumn<>(title);
        int number = columns++;
        // Kept by the row: the sort looks values up on every comparison (AlertRow).
        c.setCellValueFactory(cell -> cell.getValue().value(number, value));
        c.setPrefWidth(width);
        // Text-only cells: a table update re-shows every visible cell, and the stock cell re-measures its text.
        c.setCellFactory(col -> TextOnlyCell.plain());
        return c;
    }

    /** Wide enough for two sources at five-digit rates; more are in its tooltip (and the incident's view). */
    private TableColumn<AlertRow, String> topSources() {
        TableColumn<AlertRow, String> c = column("Top sources", AlertEntry::topSourcesText, 330);
        c.setCellFactory(col -> TextOnlyCell.withTooltip());
        return c;
    }

}
