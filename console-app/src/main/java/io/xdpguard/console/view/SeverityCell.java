package io.xdpguard.console.view;

import io.xdpguard.protocol.Severity;
import java.util.Arrays;
import java.util.List;
import javafx.scene.text.Text;

/**
 * Severity in its colour: the one thing an analyst scans a table for. Each cell holds the four severities'
 * words as four text nodes, styled once by the stylesheet ({@code .severity-text.<severity>}), and shows the
 * one its alert has. A cell's state used to be a pseudo-class: but cells get their items in the layout pass,
 * after the frame's CSS pass, so the colour came a frame late. The frame of a table update drew each shifted
 * row in the colour of the alert it showed before (a HIGH in LOW's blue) and the next frame repainted the
 * whole table again for the colours alone (pulse logger: two full repaints per update under a burst). Now an
 * update only switches which word is visible: no CSS, no glyph layout. The whole column is bold
 * ({@code severity-cell}): the words keep their width whatever is shown.
 */
final class SeverityCell<S> extends TextOnlyCell<S, Severity> {
    private final List<Text> words = Arrays.stream(Severity.values()).map(s -> {
        Text t = new Text(s.name());
        t.getStyleClass().addAll("severity-text", s.wire());
        t.fontProperty().bind(fontProperty());
        t.setVisible(false);
        return t;
    }).toList();
    private Severity shownSeverity;

    SeverityCell() {
        super(Severity::name);
        getStyleClass().add("severity-cell");
    }

    @Override
    List<Text> texts() {
        return words;
    }

    @Override
    protected void updateItem(Severity s, boolean empty) {
        super.updateItem(s, empty);
        Severity now = empty ? null : s;
        if (now != shownSeverity) {
            if (shownSeverity != null) {
                words.get(shownSeverity.ordinal()).setVisible(false);
            }
            if (now != null) {
                words.get(now.ordinal()).setVisible(true);
            }
            shownSeverity = now;
        }
    }
}
