package io.xdpguard.console.view;

import io.xdpguard.console.model.HostKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Pane;

/**
 * The status wall's grid: tiles of one size, left to right and top to bottom, in the order last given, and
 * only the tiles in the scroll pane's view are in the scene. A TilesFX tile redraws itself when it joins the
 * scene and on every property set (about 0.5 ms each in software rendering), and JavaFX walks every node of
 * the scene on every frame: with all 500 tiles of the benchmark in the scene, opening the wall took up to
 * 1.4 s and the wall ran at 20 frames a second under a burst. Tiles that stay in view stay in the children
 * list when the order changes; only those entering or leaving the view are added or removed. At most a row of
 * tiles is made per frame, from the top ({@link #waiting}): making a screenful at once (the first opening of a
 * big wall) was one frame of 280-600 ms, a row at a time is 160-250 ms for the first row and less for the rest.
 */
final class WallPane extends Pane {
    static final double TILE_WIDTH = 230;
    static final double TILE_HEIGHT = 150;
    private static final double GAP = 8;

    private final Function<HostKey, Node> tile;
    private ScrollPane scroll;
    private List<HostKey> order = List.of();
    private final Map<HostKey, Node> inView = new HashMap<>();
    private boolean waiting;

    /** {@code tile} gives a host's tile, up to date, when it comes into view (creating it the first time). */
    WallPane(Function<HostKey, Node> tile) {
        this.tile = tile;
    }

    /** The scroll pane this grid is the content of: what it shows decides which tiles are in the scene. */
    void viewedThrough(ScrollPane pane) {
        scroll = pane;
        pane.vvalueProperty().addListener((o, a, b) -> requestLayout());
        pane.viewportBoundsProperty().addListener((o, a, b) -> requestLayout());
    }

    /** The hosts to show, most urgent first; the others have no tile in the scene. */
    void order(List<HostKey> shown) {
        order = List.copyOf(shown);
        requestLayout();
    }

    List<HostKey> order() {
        return order;
    }

    /** Whether tiles in view still wait for their turn to be made: the next frame should lay the wall out again. */
    boolean waiting() {
        return waiting;
    }

    /** The hosts whose tiles are in the scene now. */
    Iterable<HostKey> inView() {
        return List.copyOf(inView.keySet());
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefWidth(double height) {
        Insets in = getInsets();
        return in.getLeft() + TILE_WIDTH + in.getRight();
    }

    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        int columns = columns(width);
        int rows = (order.size() + columns - 1) / columns;
        return in.getTop() + in.getBottom() + Math.max(0, rows * (TILE_HEIGHT + GAP) - GAP);
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        int columns = columns(getWidth());
        double top = 0;
        double height = getHeight();
        if (scroll != null && scroll.getViewportBounds().getHeight() > 0) {
            double view = scroll.getViewportBounds().getHeight();
            double range = scroll.getVmax() - scroll.getVmin();
            double fraction = range > 0 ? (scroll.getVvalue() - scroll.getVmin()) / range : 0;
            top = fraction * Math.max(0, getHeight() - view);
            height = view;
        }
        double row = TILE_HEIGHT + GAP;
        int firstRow = Math.max(0, (int) Math.floor((top - in.getTop()) / row));
        int lastRow = (int) Math.floor((top + height - in.getTop()) / row);
        int from = Math.min(order.size(), firstRow * columns);
        int to = Math.min(order.size(), (lastRow + 1) * columns);

        Map<HostKey, Node> leaving = new HashMap<>(inView);
        List<Node> entering = new ArrayList<>();
        waiting = false;
        for (int i = from; i < to; i++) {
            HostKey key = order.get(i);
            if (leaving.remove(key) == null) {
                if (entering.size() >= columns) {
                    // One row of new tiles per frame, from the top: the rest come in the next frames.
                    waiting = true;
                    continue;
                }
                Node n = tile.apply(key);
                // Fixed size: a tile's own changes need no layout of the wall.
                n.setManaged(false);
                inView.put(key, n);
                entering.add(n);
            }
        }
        if (!leaving.isEmpty()) {
            inView.keySet().removeAll(leaving.keySet());
            getChildren().removeAll(leaving.values());
        }
        if (!entering.isEmpty()) {
            getChildren().addAll(entering);
            // Added during layout, after this frame's CSS pass: style them now (a tile's skin comes with its
            // style), so that they draw in this frame and their skin sees the size they are given below.
            entering.forEach(Node::applyCss);
        }
        for (int i = from; i < to; i++) {
            Node n = inView.get(order.get(i));
            if (n != null) {
                n.resizeRelocate(in.getLeft() + (i % columns) * (TILE_WIDTH + GAP),
                        in.getTop() + (i / columns) * row, TILE_WIDTH, TILE_HEIGHT);
            }
        }
    }

    private int columns(double width) {
        Insets in = getInsets();
        double inner = (width > 0 ? width : getWidth()) - in.getLeft() - in.getRight();
        return Math.max(1, (int) ((inner + GAP) / (TILE_WIDTH + GAP)));
    }
}
