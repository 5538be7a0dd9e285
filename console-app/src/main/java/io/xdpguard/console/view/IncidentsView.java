package io.xdpguard.console.view;

import io.xdpguard.console.model.HostKey;
import io.xdpguard.console.model.IncidentGroup;
import io.xdpguard.protocol.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * Alerts grouped into attacks. A flood whose target or source was seen by several hosts is one row marked
 * multi-host, listing every host it touched; the detail pane shows the full lists.
 */
final class IncidentsView {
    static final class Row {
        final ObjectProperty<IncidentGroup> group;

        Row(IncidentGroup g) {
            group = new SimpleObjectProperty<>(g);
        }
    }

    private static final javafx.css.PseudoClass MULTI_HOST = javafx.css.PseudoClass.getPseudoClass("multi-host");

    // The extractor makes the sorted view re-sort when a group's severity or activity changes.
    private final ObservableList<Row> rows = FXCollections.observableArrayList(r -> new Observable[] {r.group});
    private final FilteredList<Row> filtered = new FilteredList<>(rows);
    private final Map<String, Row> index = new HashMap<>();
    private final TableView<Row> table = new TableView<>();
    private final ListView<String> hosts = new ListView<>();
    private final Label detail = new Label("Select an incident to see every host, target and source it involves.");
    private final SplitPane root;
    private final int maxRows;
    // Bounded by the correlator's incident bound: one entry per incident id.
    private final java.util.LinkedHashMap<String, IncidentGroup> pending = new java.util.LinkedHashMap<>();
    private final java.util.LinkedHashSet<String> pendingRemoved = new java.util.LinkedHashSet<>();

    IncidentsView(StringProperty search, int maxRows) {
        this.maxRows = maxRows;
        TableColumn<Row, Severity> severity = col("Severity", IncidentGroup::severity, 90);
        severity.setCellFactory(c -> new SeverityCell<>());
        TableColumn<Row, String> scope = col("Scope", g -> g.multiHost() ? "MULTI-HOST (" + g.hosts().size() + ")"
                : "single host", 130);
        scope.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                // A pseudo-class, not a style class: switching state does not re-match every selector. Styled at
                // once: cells get their items after the frame's CSS pass (SeverityCell says why).
                boolean multiHost = !empty && s != null && s.startsWith("MULTI");
                if (multiHost != getPseudoClassStates().contains(MULTI_HOST)) {
                    pseudoClassStateChanged(MULTI_HOST, multiHost);
                    applyCss();
                }
            }
        });
        TableColumn<Row, Long> last = col("Last update", IncidentGroup::lastUpdate, 0);
        last.setVisible(false);
        table.getColumns().addAll(List.of(severity, col("State", IncidentsView::state, 70), scope,
                col("Hosts", g -> join(g.hosts().stream().map(HostKey::toString).toList()), 240),
                col("Targets", g -> join(g.targets()), 170), col("Sources", g -> join(g.sources()), 170),
                col("First seen", g -> ViewText.time(g.firstSeen()), 150),
                col("Updated", g -> ViewText.time(g.lastUpdate()), 150),
                col("Peak SYN/s", IncidentGroup::peakSynPerSec, 95), col("Alerts", IncidentGroup::alertCount, 60),
                last));
        table.setId("incident-table");
        table.setPlaceholder(new Label("No incidents."));
        SortedList<Row> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        severity.setSortType(TableColumn.SortType.DESCENDING);
        last.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().setAll(List.of(severity, last));
        search.addListener((o, a, text) -> filtered.setPredicate(text == null || text.isBlank() ? null
                : r -> matches(r.group.get(), text.strip().toLowerCase(Locale.ROOT))));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> show(r == null ? null : r.group.get()));
        detail.setWrapText(true);
        hosts.setId("incident-hosts");
        VBox side = new VBox(8, detail, new Label("Hosts involved"), hosts);
        side.getStyleClass().add("panel");
        root = new SplitPane(table, side);
        root.setOrientation(Orientation.HORIZONTAL);
        root.setDividerPositions(0.72);
    }

    Node node() {
        return root;
    }

    TableView<Row> table() {
        return table;
    }

    /**
     * Every frame: changes are only collected (latest group per id wins); they reach the table in {@link #flush}
     * while the view is showing. A hidden table re-sorted on every frame costs the FX thread for nothing.
     */
    void apply(List<IncidentGroup> changed, List<String> removed) {
        for (String id : removed) {
            pending.remove(id);
            if (index.containsKey(id)) {
                // Only rows on screen need removing: this keeps the set within the table's bound while hidden.
                pendingRemoved.add(id);
            }
        }
        for (IncidentGroup g : changed) {
            pending.put(g.id(), g);
            pendingRemoved.remove(g.id());
        }
    }

    /** While showing, once per frame: applies what changed since the last flush in one go. */
    void flush() {
        if (pending.isEmpty() && pendingRemoved.isEmpty()) {
            return;
        }
        List<IncidentGroup> changed = List.copyOf(pending.values());
        List<String> removed = List.copyOf(pendingRemoved);
        pending.clear();
        pendingRemoved.clear();
        for (String id : removed) {
            Row r = index.remove(id);
            if (r != null) {
                rows.remove(r);
            }
        }
        List<Row> added = new java.util.ArrayList<>();
        for (IncidentGroup g : changed) {
            Row r = index.get(g.id());
            if (r == null) {
                r = new Row(g);
                index.put(g.id(), r);
                added.add(r);
            } else {
                r.group.set(g);
            }
        }
        rows.addAll(added);
        if (rows.size() > maxRows) {
            List<Row> oldest = rows.stream().filter(r -> !r.group.get().active())
                    .sorted(java.util.Comparator.comparingLong(r -> r.group.get().lastUpdate()))
                    .limit(rows.size() - maxRows).toList();
            oldest.forEach(r -> index.remove(r.group.get().id()));
            rows.removeAll(oldest);
        }
        Row selected = table.getSelectionModel().getSelectedItem();
        if (selected != null) {
            show(selected.group.get());
        }
    }

    private void show(IncidentGroup g) {
        if (g == null) {
            hosts.getItems().clear();
            return;
        }
        detail.setText(g.severity().name() + " · " + state(g)
                + (g.isExpired() ? " (" + g.expired() + "; the agent's end of it never came)" : "") + " · "
                + ViewText.count(g.hosts().size(), "host") + " · peak " + g.peakSynPerSec()
                + " SYN/s · " + ViewText.count(g.alertCount(), "alert") + "\nTargets: " + join(g.targets())
                + "\nSources: " + join(g.sources()) + "\nFirst seen " + ViewText.time(g.firstSeen()) + ", updated "
                + ViewText.time(g.lastUpdate()));
        hosts.getItems().setAll(g.hosts().stream().map(HostKey::toString).toList());
    }

    /** "expired": the console ended it (host offline, or silent too long), not the agent. */
    static String state(IncidentGroup g) {
        return g.active() ? "active" : g.isExpired() ? "expired" : "ended";
    }

    private static boolean matches(IncidentGroup g, String needle) {
        return g.severity().wire().contains(needle)
                || g.hosts().stream().anyMatch(h -> h.toString().toLowerCase(Locale.ROOT).contains(needle))
                || g.targets().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(needle))
                || g.sources().stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(needle));
    }

    private static String join(List<String> items) {
        if (items.isEmpty()) {
            // Agents name no top sources when none stands out (spoofed, spread floods).
            return "—";
        }
        return items.size() <= 4 ? String.join(", ", items)
                : String.join(", ", items.subList(0, 4)) + " … (+" + (items.size() - 4) + ")";
    }

    private static <V> TableColumn<Row, V> col(String title, Function<IncidentGroup, V> f, double width) {
        TableColumn<Row, V> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> Bindings.createObjectBinding(() -> f.apply(cell.getValue().group.get()),
                cell.getValue().group));
        if (width > 0) {
            c.setPrefWidth(width);
        }
        return c;
    }
}
