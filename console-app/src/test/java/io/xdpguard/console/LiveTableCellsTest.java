package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;

/**
 * What the analyst reads in the live table, cell by cell, after several batches of new alerts: the rows' skin
 * re-fills cells without a layout (LiveRowSkin), so each visible cell must still show its own row's alert,
 * in severity colour, newest first.
 */
class LiveTableCellsTest extends ConsoleFxTest {


    /** For each visible, filled row from the top: "host|id-in-target-column|severity" as drawn. */
    private List<String> shownRows() {
        return fx(() -> {
            List<TableRow<?>> rows = new ArrayList<>();
            alertTable().lookupAll(".table-row-cell").forEach(n -> {
                if (n instanceof TableRow<?> r && r.isVisible() && !r.isEmpty() && r.getIndex() >= 0) {
                    rows.add(r);
                }
            });
            rows.sort(java.util.Comparator.comparingInt(IndexedCell::getIndex));
            List<String> out = new ArrayList<>();
            for (TableRow<?> r : rows) {
                List<TableCell<?, ?>> cells = new ArrayList<>();
                r.lookupAll(".table-cell").forEach(c -> cells.add((TableCell<?, ?>) c));
                cells.sort(java.util.Comparator.comparingDouble(c -> c.getLayoutX()));
                String severity = cells.get(0).getText();
                String host = cells.get(3).getText();
                String target = cells.get(6).getText();
                String drawn = drawnSeverity(cells.get(0));
                out.add(host + "|" + target + "|" + severity + (drawn.equals(severity) ? "" : " (drawn as " + drawn + ")"));
            }
            return out;
        });
    }

    /** The theme's severity colours (console.css), as the analyst sees them. */
    private static final Map<String, Color> SEVERITY_COLOURS = Map.of("CRITICAL", Color.web("#f85149"),
            "HIGH", Color.web("#ff8c42"), "MEDIUM", Color.web("#d29922"), "LOW", Color.web("#58a6ff"));

    /**
     * What a severity cell draws: the word of its one visible text node and, if that word is not in its severity's
     * colour, the colour it is drawn in.
     */
    private static String drawnSeverity(TableCell<?, ?> cell) {
        List<Text> visible = cell.getChildrenUnmodifiable().stream().filter(n -> n instanceof Text && n.isVisible())
                .map(n -> (Text) n).toList();
        if (visible.size() != 1) {
            return visible.size() + " words";
        }
        Text word = visible.getFirst();
        return word.getFill().equals(SEVERITY_COLOURS.get(word.getText())) ? word.getText()
                : word.getText() + " in " + word.getFill();
    }

    @Test
    void everyVisibleCellShowsItsOwnRowAcrossBatches() throws Exception {
        long now = System.currentTimeMillis();
        Severity[] severities = Severity.values();
        try (SimAgent a = new SimAgent(broker.url(), "lab", "web-1")) {
            a.online(GuardMode.MONITOR);
            robot.clickOn("#tab-alerts");
            // Checked in every frame as it is handed to the renderer (after layout): a severity cell gets its new alert
            // in the layout pass, and its colour used to follow one frame later (CSS), so the frame of each table
            // update drew shifted rows in the colour of the alert they showed before.
            List<String> miscoloured = new java.util.concurrent.CopyOnWriteArrayList<>();
            Runnable everyFrame = () -> alertTable().lookupAll(".severity-cell").stream()
                    .map(c -> (TableCell<?, ?>) c).filter(c -> !c.isEmpty() && c.isVisible() && c.getText() != null)
                    .filter(c -> !drawnSeverity(c).equals(c.getText()))
                    .forEach(c -> miscoloured.add(c.getText() + " drawn as " + drawnSeverity(c)));
            AutoCloseable checking = onEveryFrame(everyFrame);
            List<String> expected = new ArrayList<>();
            // Three batches of different sizes (odd and even), each arriving after the last is on screen, so
            // every visible row is re-used for another alert at least twice.
            int n = 0;
            for (int batch : new int[] {3, 4, 7}) {
                for (int k = 0; k < batch; k++, n++) {
                    Severity sev = severities[n % severities.length];
                    String target = "198.18.7." + n;
                    a.publish(Messages.alert("lab", "web-1", "web-1-" + n, "i" + n, sev, AlertState.START,
                            target, "198.19.0.9", now + n));
                    expected.addFirst("web-1|" + target + ":80|" + sev.name());
                }
                int rows = n;
                awaitFx(rows + " rows", () -> alertTable().getItems().size() == rows);
                awaitFx("cells drawn for " + rows + " rows", () -> shownRows().size() == rows);
                assertThat(shownRows()).as("cells as drawn, newest first").containsExactlyElementsOf(expected);
            }
            checking.close();
            assertThat(miscoloured).as("severity cells drawn in another severity's colour in some frame").isEmpty();
            // Severities differ by colour only: a font that changed with the severity laid the whole table out a
            // second time after every update under a burst.
            List<javafx.scene.text.Font> fonts = fx(() -> alertTable().lookupAll(".severity-cell").stream()
                    .map(c -> (TableCell<?, ?>) c).filter(c -> !c.isEmpty()).map(TableCell::getFont).distinct().toList());
            assertThat(fonts).as("fonts of the severity cells of all four severities").hasSize(1);
            assertThat(fonts.getFirst().getStyle()).as("the severity column's font").containsIgnoringCase("bold");
            screenshot("alerts-live-batches");
            // Top sources are often wider than their column: the whole list is the cell's tooltip.
            String newestSources = fx(() -> alertTable().lookupAll(".table-cell").stream()
                    .map(c -> (TableCell<?, ?>) c)
                    .filter(c -> !c.isEmpty() && c.getIndex() == 0 && c.getTableColumn().getText().equals("Top sources"))
                    .findFirst().map(c -> c.getTooltip() == null ? "(no tooltip)" : c.getTooltip().getText()).orElseThrow());
            assertThat(newestSources).isEqualTo("198.19.0.9 (10100/s), 198.19.7.10 (40/s)");

            // The table paints no background of its own (the window's base is the scene's fill, console.css): on
            // its even rows, filled or not, the analyst still sees the theme's dark base, not the stock white.
            javafx.scene.image.WritableImage drawn = fx(() -> stage.getScene().snapshot(null));
            javafx.scene.paint.Color base = javafx.scene.paint.Color.web("#0d1117");
            for (boolean empty : new boolean[] {false, true}) {
                javafx.geometry.Bounds row = fx(() -> alertTable().lookupAll(".table-row-cell").stream()
                        .map(r -> (TableRow<?>) r).filter(r -> r.isEmpty() == empty && r.getIndex() % 2 == 0)
                        .findFirst().map(r -> r.localToScene(r.getLayoutBounds())).orElseThrow());
                assertThat(drawn.getPixelReader().getColor((int) row.getMaxX() - 5, (int) row.getMinY() + 2))
                        .as(empty ? "an empty even row" : "an even row with an alert, away from its text")
                        .isEqualTo(base);
            }
        }
    }

    /**
     * Acknowledged alerts are dimmed. When new alerts push acknowledged rows down, each row that now shows an
     * acknowledged alert must be dimmed, and each that no longer does must not, in every frame drawn.
     */
    @Test
    void acknowledgedRowsStayDimmedAsNewAlertsPushThemDown() throws Exception {
        long now = System.currentTimeMillis();
        try (SimAgent a = new SimAgent(broker.url(), "lab", "web-1")) {
            a.online(GuardMode.MONITOR);
            robot.clickOn("#tab-alerts");
            int n = 0;
            for (; n < 4; n++) {
                a.publish(Messages.alert("lab", "web-1", "old-" + n, "i" + n, Severity.HIGH, AlertState.START,
                        "198.18.8." + n, "198.19.0.9", now + n));
            }
            awaitFx("4 rows", () -> alertTable().getItems().size() == 4);
            robot.clickOn("#ack-shown");
            awaitFx("4 dimmed rows", () -> dimMismatches().isEmpty() && dimmedRows() == 4);
            List<String> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
            Runnable everyFrame = () -> wrong.addAll(dimMismatches());
            AutoCloseable checking = onEveryFrame(everyFrame);
            for (int batch : new int[] {1, 2, 3}) {
                for (int k = 0; k < batch; k++, n++) {
                    a.publish(Messages.alert("lab", "web-1", "new-" + n, "i" + n, Severity.HIGH, AlertState.START,
                            "198.18.8." + n, "198.19.0.9", now + n));
                }
                int rows = n;
                awaitFx(rows + " rows", () -> alertTable().getItems().size() == rows);
                awaitFx("rows drawn", () -> dimMismatches().isEmpty());
            }
            checking.close();
            assertThat(wrong).as("rows dimmed (or not) for the alert they showed before, in some frame").isEmpty();
            assertThat(fx(this::dimmedRows)).as("acknowledged rows still dimmed").isEqualTo(4);
        }
    }

    /** Rows whose cells' dimming does not match their alert's acknowledgement (its Ack column's mark). */
    private List<String> dimMismatches() {
        List<String> out = new ArrayList<>();
        alertTable().lookupAll(".table-row-cell").forEach(n -> {
            if (n instanceof TableRow<?> r && r.isVisible() && !r.isEmpty() && r.getIndex() >= 0) {
                List<TableCell<?, ?>> cells = r.lookupAll(".table-cell").stream().<TableCell<?, ?>>map(c -> (TableCell<?, ?>) c).toList();
                boolean acked = cells.stream().anyMatch(c -> c.getTableColumn().getText().equals("Ack")
                        && "✓".equals(c.getText()));
                String target = cells.stream().filter(c -> c.getTableColumn().getText().equals("Target"))
                        .map(TableCell::getText).findFirst().orElse("?");
                if (cells.stream().anyMatch(c -> (c.getOpacity() < 1) != acked)) {
                    out.add(target + (acked ? " acknowledged, not dimmed" : " dimmed, not acknowledged"));
                }
            }
        });
        return out;
    }

    private int dimmedRows() {
        return (int) alertTable().lookupAll(".table-row-cell").stream()
                .filter(n -> n instanceof TableRow<?> r && !r.isEmpty() && r.lookup(".table-cell").getOpacity() < 1)
                .count();
    }
}
