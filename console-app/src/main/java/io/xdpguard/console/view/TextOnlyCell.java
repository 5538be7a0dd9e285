package io.xdpguard.console.view;

import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Skin;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * A table cell that shows one line of text and nothing else, cheap to change under a burst. The stock cell
 * skin (a Labeled skin) measures its text and computes an ellipsis on every layout, and a text change asks
 * the row for a new layout; here the text is one unmanaged {@link Text} node, placed once when the cell is
 * resized and clipped to the cell: a new item only changes the glyphs. Font and colour still come from the
 * stylesheet (the cell's {@code -fx-text-fill} and {@code -fx-font}), and {@link #getText()} still says
 * what is shown. A subclass may place several texts there and show one ({@link #texts()}).
 */
class TextOnlyCell<S, T> extends TableCell<S, T> {
    private final Function<? super T, String> format;
    final Text shown = new Text();

    TextOnlyCell(Function<? super T, String> format) {
        this.format = format;
        shown.textProperty().bind(textProperty());
        shown.fillProperty().bind(textFillProperty());
        shown.fontProperty().bind(fontProperty());
    }

    /** The text nodes the skin places in the cell, all in the same place (one, unless a subclass shows others). */
    List<Text> texts() {
        return List.of(shown);
    }

    static <S, T> TextOnlyCell<S, T> plain() {
        return new TextOnlyCell<>(String::valueOf);
    }

    /**
     * A plain cell whose whole text is also its tooltip, for a column often narrower than its text (the text is
     * cut at the cell's edge, not shortened with an ellipsis, which would measure it on every update). One
     * tooltip per cell, made once; only an empty cell has none.
     */
    static <S, T> TextOnlyCell<S, T> withTooltip() {
        TextOnlyCell<S, T> cell = plain();
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(cell.textProperty());
        cell.tooltipProperty().bind(Bindings.when(cell.emptyProperty()).then((Tooltip) null).otherwise(whole));
        return cell;
    }

    @Override
    protected void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        String s = empty || item == null ? null : format.apply(item);
        // Same text (a row updated in place): nothing to do.
        if (s == null ? getText() != null : !s.equals(getText())) {
            setText(s);
        }
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new TextOnlySkin(this);
    }

    private static final class TextOnlySkin extends SkinBase<TextOnlyCell<?, ?>> {
        TextOnlySkin(TextOnlyCell<?, ?> cell) {
            super(cell);
            for (Text t : cell.texts()) {
                t.setManaged(false);
                t.setTextOrigin(VPos.CENTER);
                // A node can clip only one node: one clip each.
                Rectangle clip = new Rectangle();
                t.setClip(clip);
                getChildren().add(t);
            }
            consumeMouseEvents(false);
        }

        @Override
        protected void layoutChildren(double x, double y, double w, double h) {
            for (Node t : getChildren()) {
                t.setLayoutX(x);
                t.setLayoutY(y + h / 2);
                Rectangle clip = (Rectangle) t.getClip();
                clip.setX(0);
                clip.setY(-h / 2);
                clip.setWidth(Math.max(0, w));
                clip.setHeight(h);
            }
        }

        @Override
        protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
            var column = getSkinnable().getTableColumn();
            return column != null ? column.getWidth() : left + right;
        }

        @Override
        protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
            return top + bottom + getSkinnable().getFont().getSize() * 1.4;
        }

        @Override
        public void dispose() {
            getChildren().clear();
            super.dispose();
        }
    }
}
