package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import eu.hansolo.tilesfx.Tile;
import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.console.model.FleetLimits;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.HostState;
import io.xdpguard.protocol.Message;
import io.xdpguard.protocol.MessageKind;
import io.xdpguard.protocol.Severity;
import io.xdpguard.protocol.Topic;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Pane;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;

/**
 * A wall of more hosts than fit on screen: only the tiles in view are in the scene (so opening the wall and
 * drawing it stay cheap), scrolling brings the others in, and a host that changed while out of view shows its
 * current state as soon as it comes into view.
 */
class WallOfManyHostsTest extends ConsoleFxTest {
    private static final int HOSTS = 240;
    private static final Codec CODEC = new Codec();

    @Override
    protected FleetLimits limits() {
        // No host goes silent during the test: the wall's order changes only when the test says so.
        return FleetLimits.defaults().withSilentAfter(600_000);
    }

    @Test
    void onlyTilesInViewAreInTheSceneAndScrollingBringsTheRestUpToDate() throws Exception {
        long now = System.currentTimeMillis();
        try (SimAgent feed = new SimAgent(broker.url(), "big", "feed")) {
            for (int i = 0; i < HOSTS; i++) {
                send(feed, i, Messages.status("big", host(i), HostState.ONLINE, GuardMode.MONITOR, now));
            }
            awaitFx("every host counted", () -> text("#wall-summary").orElse("").startsWith(HOSTS + " hosts"));
            awaitFx("first host's tile in view", () -> node(tileId(0)).isPresent());
            Pane wall = fx(() -> node("#status-wall").map(Pane.class::cast).orElseThrow());
            int inScene = fx(() -> wall.getChildren().size());
            assertThat(inScene).as("tiles in the scene").isPositive().isLessThan(HOSTS / 2);
            assertThat(node(tileId(HOSTS - 1))).as("last host, out of view").isEmpty();

            // Out of view, the last host comes under attack: its tile is not drawn until it is seen.
            send(feed, HOSTS - 1, Messages.telemetry("big", host(HOSTS - 1), 700, 0, now));
            ScrollPane scroll = fx(() -> node("#wall-scroll").map(ScrollPane.class::cast).orElseThrow());
            fx(() -> {
                scroll.setVvalue(scroll.getVmax());
                return null;
            });
            awaitFx("last host's tile scrolled into view", () -> node(tileId(HOSTS - 1)).map(t -> inside(t, scroll))
                    .orElse(false));
            awaitFx("it shows its latest rate", () -> this.<Tile>node(tileId(HOSTS - 1)).orElseThrow().getValue() == 700);
            Tile scrolledIn = fx(() -> this.<Tile>node(tileId(HOSTS - 1)).orElseThrow());
            assertThat(fx(() -> drawnAtItsSize(scrolledIn))).as("title at the top, state line at the bottom").isTrue();
            assertThat(node(tileId(0))).as("first host, now out of view").isEmpty();
            assertThat(fx(() -> wall.getChildren().size())).as("tiles in the scene after scrolling")
                    .isLessThan(HOSTS / 2);
            screenshot("status-wall-scrolled");

            // Under attack, it leads the wall: back at the top, its tile comes first with the incident.
            send(feed, HOSTS - 1, Messages.alert("big", host(HOSTS - 1), "big-1", "inc-big", Severity.CRITICAL,
                    AlertState.START, "198.18.0.9", "198.19.0.9", now));
            fx(() -> {
                scroll.setVvalue(scroll.getVmin());
                return null;
            });
            awaitFx("attacked host first, top left", () -> this.<Tile>node(tileId(HOSTS - 1))
                    .map(t -> inside(t, scroll) && topLeft(t, wall)
                            && t.getDescription().contains("1 incident · CRITICAL"))
                    .orElse(false));
        }
    }

    /**
     * Going back to the wall after another view: its tiles never left the scene (a TilesFX tile that leaves the
     * scene redraws itself several times over when it comes back, which made each return a frame of 160-680 ms),
     * and what changed meanwhile is sorted in at once: a host attacked while the analyst read the alert table
     * leads the wall as soon as the wall shows.
     */
    @Test
    void theWallKeepsItsTilesWhileHiddenAndSortsInWhatChangedWhenShownAgain() throws Exception {
        long now = System.currentTimeMillis();
        int hosts = 60;
        try (SimAgent feed = new SimAgent(broker.url(), "big", "feed")) {
            for (int i = 0; i < hosts; i++) {
                send(feed, i, Messages.status("big", host(i), HostState.ONLINE, GuardMode.MONITOR, now));
            }
            awaitFx("every host counted", () -> text("#wall-summary").orElse("").startsWith(hosts + " hosts"));
            awaitFx("first host's tile in view", () -> node(tileId(0)).isPresent());
            Tile first = fx(() -> this.<Tile>node(tileId(0)).orElseThrow());
            assertThat(node(tileId(hosts - 1))).as("last host, out of view").isEmpty();
            AtomicInteger sceneChanges = new AtomicInteger();
            fx(() -> {
                first.sceneProperty().addListener((o, a, b) -> sceneChanges.incrementAndGet());
                return null;
            });

            robot.clickOn("#tab-alerts");
            send(feed, hosts - 1, Messages.alert("big", host(hosts - 1), "big-2", "inc-big-2", Severity.CRITICAL,
                    AlertState.START, "198.18.0.9", "198.19.0.9", now));
            awaitFx("the alert in the table", () -> alertTable().getItems().size() == 1);
            assertThat(fx(() -> first.getScene() != null)).as("first host's tile still in the scene").isTrue();

            Pane wall = fx(() -> node("#status-wall").map(Pane.class::cast).orElseThrow());
            ScrollPane scroll = fx(() -> node("#wall-scroll").map(ScrollPane.class::cast).orElseThrow());
            TabPane tabs = fx(() -> robot.lookup(".tab-pane").query());
            String attacked = tileId(hosts - 1).substring(1);
            // In the very frame the wall shows, not a second later at the next re-sort.
            var firstFrame = new AtomicReference<Boolean>();
            try (AutoCloseable frames = onEveryFrame(() -> {
                if (firstFrame.get() == null && tabs.getSelectionModel().getSelectedIndex() == 0) {
                    firstFrame.set(wall.getChildren().stream()
                            .anyMatch(t -> attacked.equals(t.getId()) && topLeft(t, wall)));
                }
            })) {
                robot.clickOn("#tab-wall");
                awaitFx("the wall drawn", () -> firstFrame.get() != null);
            }
            assertThat(firstFrame.get()).as("attacked host top left in the first frame of the wall").isTrue();
            awaitFx("attacked host first, top left", () -> this.<Tile>node(tileId(hosts - 1))
                    .map(t -> inside(t, scroll) && topLeft(t, wall)
                            && t.getDescription().contains("1 incident · CRITICAL"))
                    .orElse(false));
            assertThat(fx(() -> this.<Tile>node(tileId(0)).orElseThrow())).as("first host's tile").isSameAs(first);
            assertThat(sceneChanges).as("times the first host's tile left or joined a scene").hasValue(0);
        }
    }

    private static void send(SimAgent feed, int host, Message m) throws Exception {
        feed.raw(Topic.of("big", host(host), m.messageKind()).path(), CODEC.encode(m));
    }

    private static String host(int i) {
        return String.format(Locale.ROOT, "edge-%03d", i);
    }

    private static String tileId(int i) {
        return "#tile-big-" + host(i);
    }

    /** Whether the tile lies within what the scroll pane shows. */
    private static boolean inside(Node tile, ScrollPane scroll) {
        Bounds t = tile.localToScene(tile.getLayoutBounds());
        Bounds view = scroll.localToScene(scroll.getLayoutBounds());
        return view.contains(t.getMinX() + 1, t.getMinY() + 1) && view.contains(t.getMaxX() - 1, t.getMaxY() - 1);
    }

    /** A tile whose skin laid out for another size draws its title and state line on top of each other. */
    private static boolean drawnAtItsSize(Tile tile) {
        double height = tile.getHeight();
        Bounds title = textBounds(tile, tile.getTitle());
        Bounds state = textBounds(tile, tile.getText());
        return title != null && state != null && title.getMaxY() < height / 3 && state.getMinY() > height * 2 / 3;
    }

    private static Bounds textBounds(Tile tile, String text) {
        return tile.lookupAll("Text").stream().filter(n -> n instanceof Text t && text.equals(t.getText())
                && t.isVisible()).findFirst().map(n -> tile.sceneToLocal(n.localToScene(n.getLayoutBounds())))
                .orElse(null);
    }

    /** Whether the tile is the wall's first, top left. */
    private static boolean topLeft(Node tile, Pane wall) {
        return tile.getLayoutX() == wall.getInsets().getLeft() && tile.getLayoutY() == wall.getInsets().getTop();
    }
}
