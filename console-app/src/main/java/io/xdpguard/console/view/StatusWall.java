package io.xdpguard.console.view;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.Tile.SkinType;
import eu.hansolo.tilesfx.TileBuilder;
import io.xdpguard.console.model.HostKey;
import io.xdpguard.console.model.HostSnapshot;
import io.xdpguard.console.model.Liveness;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/**
 * One TilesFX tile per host: SYN/s against the host's threshold, state, mode, active incidents, coloured by
 * the worst active severity. Most urgent first; re-sorted at most once a second so tiles do not jump under
 * the analyst's pointer on every frame.
 */
final class StatusWall {
    enum Show {
        ALL("All hosts"), ATTACKED("Under attack"), DOWN("Offline or silent"), OVER("Over SYN threshold");

        private final String label;

        Show(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final Comparator<HostSnapshot> ORDER = Comparator.comparingInt(HostSnapshot::urgency).reversed()
            .thenComparing(Comparator.comparingDouble(HostSnapshot::synLoad).reversed())
            .thenComparing(HostSnapshot::key);

    // A TilesFX tile redraws on every property set (about 0.5 ms in software rendering). Only tiles in view
    // are drawn (WallPane keeps the others out of the scene); changes to the others wait here until they come
    // into view, and at most TILES_PER_FRAME tiles in view are drawn per frame, only while the wall is shown.
    private static final int TILES_PER_FRAME = 24;

    private final Map<HostKey, Tile> tiles = new HashMap<>();
    private final Map<HostKey, HostSnapshot> hosts = new HashMap<>();
    private final Set<HostKey> undrawn = new HashSet<>();
    private final WallPane flow = new WallPane(this::tileComingIntoView);
    private final ChoiceBox<Show> show = new ChoiceBox<>();
    private final Label summary = new Label();
    private final Label empty = new Label("Waiting for agents: hosts appear here as soon as their status arrives.");
    private final BorderPane root = new BorderPane();
    private final StringProperty search;
    private final Consumer<HostKey> open;
    private boolean dirtyOrder;
    private boolean newHosts;
    private boolean summaryDirty;

    StatusWall(StringProperty search, Consumer<HostKey> open) {
        this.search = search;
        this.open = open;
        flow.getStyleClass().add("status-wall");
        flow.setId("status-wall");
        show.getItems().setAll(Show.values());
        show.setValue(Show.ALL);
        show.setId("wall-show");
        show.valueProperty().addListener((o, a, b) -> dirtyOrder = true);
        search.addListener((o, a, b) -> dirtyOrder = true);
        summary.getStyleClass().add("muted");
        summary.setId("wall-summary");
        HBox bar = new HBox(new Label("Show"), show, summary);
        bar.getStyleClass().add("toolbar-strip");
        ScrollPane scroll = new ScrollPane(flow);
        scroll.setId("wall-scroll");
        scroll.setFitToWidth(true);
        flow.viewedThrough(scroll);
        empty.getStyleClass().add("wall-empty");
        empty.setId("wall-empty");
        root.setTop(bar);
        root.setCenter(new StackPane(scroll, empty));
    }

    Node node() {
        return root;
    }

    void apply(List<HostSnapshot> changed) {
        for (HostSnapshot h : changed) {
            HostSnapshot before = hosts.put(h.key(), h);
            undrawn.add(h.key());
            if (before == null) {
                newHosts = true;
            }
            if (before == null || before.urgency() != h.urgency() || before.liveness() != h.liveness()) {
                dirtyOrder = true;
            }
            if (before == null || before.liveness() != h.liveness()) {
                // Severity changes every frame under an attack: those counts wait for the once-a-second refresh.
                summaryDirty = true;
            }
        }
    }

    /** Every frame while the wall is shown: draws the next few changed tiles in view. */
    void draw(long now) {
        if (flow.waiting()) {
            flow.requestLayout();
        }
        if (newHosts) {
            // A new host shows at once, in its place; other changes are re-sorted once a second.
            newHosts = false;
            reorder();
        }
        if (summaryDirty) {
            // A new host, or one going offline or coming back, is counted in the same frame as its tile: a first
            // tile under "0 hosts" and "Waiting for agents" for up to a second looked broken.
            summarise();
        }
        int budget = TILES_PER_FRAME;
        for (HostKey key : flow.inView()) {
            if (budget == 0) {
                break;
            }
            if (undrawn.remove(key)) {
                update(tiles.get(key), hosts.get(key), now);
                budget--;
            }
        }
    }

    /**
     * Once a second, and when the wall comes on screen: "last seen" texts age, and the order catches up with
     * severity changes. Hidden, the wall keeps its order (and so its tiles) until it is shown again.
     */
    void refresh(long now, boolean shown) {
        for (HostSnapshot h : hosts.values()) {
            if (h.liveness() != Liveness.ONLINE) {
                undrawn.add(h.key());
            }
        }
        if (dirtyOrder && shown) {
            reorder();
        }
        summarise();
    }

    private void summarise() {
        summaryDirty = false;
        long attacked = hosts.values().stream().filter(h -> h.worst() != null).count();
        long down = hosts.values().stream().filter(h -> h.liveness() != Liveness.ONLINE).count();
        summary.setText(ViewText.count(hosts.size(), "host") + " · " + attacked + " under attack · " + down
                + " offline or silent · " + flow.order().size() + " shown");
        empty.setVisible(hosts.isEmpty());
    }

    private void reorder() {
        dirtyOrder = false;
        String needle = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        List<HostKey> order = hosts.values().stream().filter(h -> visible(h, needle)).sorted(ORDER)
                .map(HostSnapshot::key).toList();
        if (!order.equals(flow.order())) {
            flow.order(order);
        }
    }

    /** A host's tile as it comes into view: created the first time, brought up to date if it changed. */
    private Node tileComingIntoView(HostKey key) {
        Tile tile = tiles.computeIfAbsent(key, this::newTile);
        if (undrawn.remove(key)) {
            update(tile, hosts.get(key), System.currentTimeMillis());
        }
        return tile;
    }

    private boolean visible(HostSnapshot h, String needle) {
        boolean shown = switch (show.getValue()) {
            case ALL -> true;
            case ATTACKED -> h.worst() != null;
            case DOWN -> h.liveness() != Liveness.ONLINE;
            case OVER -> h.synThreshold() > 0 && h.synPerSec() >= h.synThreshold();
        };
        if (!shown || needle.isEmpty()) {
            return shown;
        }
        return h.key().toString().toLowerCase(Locale.ROOT).contains(needle)
                || h.liveness().name().toLowerCase(Locale.ROOT).contains(needle)
                || (h.mode() != null && h.mode().wire().contains(needle))
                || (h.worst() != null && h.worst().wire().contains(needle));
    }

    private Tile newTile(HostKey key) {
        Tile t = TileBuilder.create().skinType(SkinType.NUMBER).prefSize(WallPane.TILE_WIDTH, WallPane.TILE_HEIGHT).title(key.toString())
                .unit("SYN/s").decimals(0).animated(false).textVisible(true).build();
        t.setId("tile-" + key.site() + "-" + key.host());
        t.setUserData(key);
        t.setForegroundBaseColor(Palette.FOREGROUND);
        t.setOnMouseClicked(e -> open.accept(key));
        return t;
    }

    private static void update(Tile t, HostSnapshot h, long now) {
        setIfChanged(t.getBackgroundColor(), Palette.tile(h), t::setBackgroundColor);
        if (t.getValue() != h.synPerSec()) {
            t.setValue(h.synPerSec());
        }
        String limit = h.synThreshold() > 0 ? "limit " + ViewText.rate(h.synThreshold()) : "no status yet";
        String incidents = h.activeIncidents() == 0 ? "no incident"
                : h.activeIncidents() + (h.activeIncidents() == 1 ? " incident" : " incidents")
                + (h.worst() != null ? " · " + h.worst().name() : "");
        setIfChanged(t.getDescription(), limit + " · " + incidents, t::setDescription);
        setIfChanged(t.getText(), stateLine(h, now), t::setText);
    }

    private static <V> void setIfChanged(V current, V next, Consumer<V> set) {
        if (!java.util.Objects.equals(current, next)) {
            set.accept(next);
        }
    }

    static String stateLine(HostSnapshot h, long now) {
        String mode = h.mode() == null ? "" : " · " + h.mode().name();
        return switch (h.liveness()) {
            case ONLINE -> "ONLINE" + mode;
            case SILENT -> "NO TELEMETRY · seen " + ViewText.ago(h.lastSeen(), now);
            case OFFLINE -> "OFFLINE · seen " + ViewText.ago(h.lastSeen(), now);
        };
    }

    HostSnapshot host(HostKey key) {
        return hosts.get(key);
    }

    List<HostKey> keys() {
        return hosts.keySet().stream().sorted().toList();
    }

    /** How many hosts it knows, shown or not. */
    int size() {
        return hosts.size();
    }
}
