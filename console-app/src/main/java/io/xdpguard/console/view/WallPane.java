package io.xdpguard.console.view;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * The status wall's grid: tiles of one size, left to right and top to bottom, in the order last given. The
 * children list itself keeps the order tiles were added in, and tiles that are filtered out are only hidden:
 * re-sorting a FlowPane's children took every tile out of the scene and put it back, and each time TilesFX
 * redrew the tile and CSS matched it again. With 500 hosts re-sorted every second under an attack, the wall
 * ran at 15 frames a second with pauses of up to 185 ms (load benchmark with the wall showing).
 */
final class WallPane extends Pane {
    static final double TILE_WIDTH = 230;
    static final double TILE_HEIGHT = 150;
    private static final double GAP = 8;

    private List<Node> order = List.of();

    /** A new tile: in the scene from now on, hidden until an {@link #order} places it. */
    void add(Node tile) {
        tile.setVisible(false);
        tile.setManaged(false);
        getChildren().add(tile);
    }

    /** The tiles to show, most urgent first; the others are hidden. */
    void order(List<Node> shown) {
        Set<Node> showing = new HashSet<>(shown);
        for (Node n : getChildren()) {
            n.setVisible(showing.contains(n));
        }
        order = List.copyOf(shown);
        requestLayout();
    }

    List<Node> order() {
        return order;
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
        for (int i = 0; i < order.size(); i++) {
            Node n = order.get(i);
            n.resizeRelocate(in.getLeft() + (i % columns) * (TILE_WIDTH + GAP),
                    in.getTop() + (i / columns) * (TILE_HEIGHT + GAP), TILE_WIDTH, TILE_HEIGHT);
        }
    }

    private int columns(double width) {
        Insets in = getInsets();
        double inner = (width > 0 ? width : getWidth()) - in.getLeft() - in.getRight();
        return Math.max(1, (int) ((inner + GAP) / (TILE_WIDTH + GAP)));
    }
}
