package io.xdpguard.console.view;

import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.skin.TableRowSkin;

/**
 * The live alert table's row skin: a row whose item changes only re-fills its cells. The stock skin also asks
 * for a layout of the row, and {@code VirtualFlow.setCellIndex} answers a row that needs layout by applying CSS
 * to it and every cell in it. Under a burst each new alert shifts every visible row, so that was a CSS pass of
 * the whole visible table on every update, the largest cost on the FX thread (JFR). The alert table's cells are
 * fixed-size and text-only ({@link TextOnlyCell}), so a new item changes glyphs, not geometry. Index changes
 * (a row reused for another position) and column changes keep the stock behaviour.
 */
final class LiveRowSkin<T> extends TableRowSkin<T> {
    LiveRowSkin(TableRow<T> row) {
        super(row);
        unregisterInvalidationListeners(row.itemProperty());
        registerInvalidationListener(row.itemProperty(), o -> refillCells(row));
    }

    private void refillCells(TableRow<T> row) {
        int index = row.getIndex();
        int cells = 0;
        for (Node n : getChildren()) {
            if (n instanceof IndexedCell<?> cell) {
                // Same index: the cell looks up its column's value for the row's new item.
                cell.updateIndex(index);
                cells++;
            }
        }
        var table = row.getTableView();
        if (table == null || cells < table.getVisibleLeafColumns().size()) {
            // Some columns are scrolled out of the row (the skin takes their cells out of the scene): let the
            // stock layout bring them back with the new item.
            row.requestLayout();
        }
    }
}
