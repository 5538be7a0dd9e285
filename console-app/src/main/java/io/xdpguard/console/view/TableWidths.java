package io.xdpguard.console.view;

import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** How a table whose last column holds long free text (a reason, a parser's message) uses the window's width. */
final class TableWidths {
    private TableWidths() {
    }

    /**
     * The last column takes the width the other columns leave: they may grow a quarter beyond their preferred width
     * (the constrained policy would otherwise widen them all alike), the last one gets the rest.
     */
    static void lastTakesTheRest(TableView<?> table) {
        var columns = table.getColumns();
        for (TableColumn<?, ?> c : columns.subList(0, columns.size() - 1)) {
            c.setMaxWidth(c.getPrefWidth() * 1.25);
        }
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }
}
