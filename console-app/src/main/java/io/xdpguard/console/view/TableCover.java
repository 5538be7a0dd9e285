package io.xdpguard.console.view;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/**
 * The alert table with the cover that hides it while the start-up rehearsal runs made-up alerts through it
 * ({@link AlertsView#rehearse}). Other made-up views may be rehearsed under the same cover ({@link #addUnder}); they
 * leave with it.
 */
final class TableCover {
    private final Label cover = new Label("Getting the alert table ready…");
    private final StackPane stack;

    TableCover(Node table) {
        cover.getStyleClass().add("rehearsal-cover");
        cover.setId("alert-table-cover");
        cover.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        cover.setVisible(false);
        stack = new StackPane(table, cover);
    }

    Node node() {
        return stack;
    }

    void raise() {
        cover.setVisible(true);
    }

    /** Puts {@code view} under the raised cover until it is lowered; nothing when it is not raised. */
    void addUnder(Node view) {
        if (cover.isVisible()) {
            stack.getChildren().add(stack.getChildren().size() - 1, view);
        }
    }

    /** Hides the cover and takes away what was rehearsed under it, the table excepted. */
    void lower() {
        cover.setVisible(false);
        stack.getChildren().retainAll(stack.getChildren().getFirst(), cover);
    }
}
