package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.controlsfx.control.table.TableFilter;
import org.junit.jupiter.api.Test;

/** The analyst's table: rows once per alert id, search, per-column filter, acknowledge, export of what is shown. */
class AlertTableTest extends ConsoleFxTest {


    private void publishAlerts(SimAgent a, SimAgent b, long now) throws Exception {
        a.online(GuardMode.SHADOW);
        b.online(GuardMode.ENFORCE);
        Alert first = Messages.alert("lab", "db-1", "db-1-1", "i1", Severity.CRITICAL, AlertState.START,
                "198.18.1.1", "198.19.0.5", now);
        a.publish(first);
        a.publish(Messages.alert("lab", "db-1", "db-1-2", "i1", Severity.CRITICAL, AlertState.UPDATE,
                "198.18.1.1", "198.19.0.5", now + 1));
        b.publish(Messages.alert("lab", "app-1", "app-1-1", "i9", Severity.MEDIUM, AlertState.START,
                "198.18.2.2", "198.19.0.6", now + 2));
        // A replay of an alert already shown (same id): must not add a row.
        a.publish(first);
    }

    @Test
    void rowsSearchFilterAcknowledgeAndExport() throws Exception {
        long now = System.currentTimeMillis();
        try (SimAgent a = new SimAgent(broker.url(), "lab", "db-1"); SimAgent b = new SimAgent(broker.url(), "lab", "app-1")) {
            publishAlerts(a, b, now);
            robot.clickOn("#tab-alerts");
            awaitFx("three rows", () -> alertTable().getItems().size() == 3);
            // The replay arrives after the rows; give it time to (not) show, then check the duplicate count.
            awaitFx("replay counted", () -> app.console().pipeline().duplicates() == 1);
            assertThat(fx(() -> alertTable().getItems().size())).isEqualTo(3);

            // Free-text search from the keyboard: Ctrl+F, type, rows narrow.
            robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
            robot.write("app-1");
            awaitFx("search narrows to app-1", () -> alertTable().getItems().size() == 1);
            assertThat(fx(() -> alertTable().getColumns().get(3).getCellData(0))).isEqualTo("app-1");
            // The CRITICAL alert raised a desktop notification; Escape dismisses that first, then clears the search.
            robot.type(KeyCode.ESCAPE);
            if (!fx(() -> robot.lookup("#search").queryAs(javafx.scene.control.TextField.class).getText()).isEmpty()) {
                robot.type(KeyCode.ESCAPE);
            }
            awaitFx("search cleared", () -> alertTable().getItems().size() == 3);

            // Per-column filter (what the header's filter popup does): only host db-1.
            fx(() -> {
                @SuppressWarnings("unchecked")
                TableFilter<Object> filter = (TableFilter<Object>) alertTable().getProperties().get("xg.tableFilter");
                TableColumn<?, ?> host = alertTable().getColumns().get(3);
                filter.getColumnFilter((TableColumn<Object, ?>) host).orElseThrow();
                filter.unselectValue(host, "app-1");
                filter.executeFilter();
                return null;
            });
            awaitFx("column filter leaves db-1 rows", () -> alertTable().getItems().size() == 2);
            screenshot("alerts-filtered");

            // Export what is shown (2 filtered rows) as CSV and JSON.
            robot.clickOn("#export-csv");
            Path csv = exported(".csv");
            List<String> lines = Files.readAllLines(csv);
            assertThat(lines).hasSize(3);
            assertThat(lines.getFirst()).startsWith("severity,time,site,host,kind,state,target,peak_syn_per_sec");
            assertThat(lines.subList(1, 3)).allSatisfy(l -> assertThat(l).startsWith("critical,").contains(",lab,db-1,syn_flood,"));
            assertThat(lines.subList(1, 3)).anySatisfy(l -> assertThat(l).contains(",db-1-1,i1,"));
            robot.clickOn("#export-json");
            Path json = exported(".json");
            JsonNode rows = new ObjectMapper().readTree(json.toFile());
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("alert").get("host").asText()).isEqualTo("db-1");
            assertThat(rows.get(0).get("acknowledgedAt").isNull()).isTrue();

            // Acknowledge one with the keyboard, then all shown in bulk.
            fx(() -> {
                alertTable().getSelectionModel().clearAndSelect(0);
                alertTable().requestFocus();
                return null;
            });
            robot.press(KeyCode.CONTROL).type(KeyCode.K).release(KeyCode.CONTROL);
            awaitFx("one acknowledged", () -> ackMarks() == 1);
            robot.clickOn("#ack-shown");
            awaitFx("both shown acknowledged", () -> ackMarks() == 2);
            assertThat(fx(() -> robot.lookup("#alert-counts").queryAs(Label.class).getText()))
                    .isEqualTo("showing 2 of 3 · 1 unacknowledged");
            screenshot("alerts-acknowledged");

            // Acknowledgements are kept in the history, for the next start.
            var history = app.console().history().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            history.flush(java.time.Duration.ofSeconds(5));
            assertThat(history.recent(10)).filteredOn(e -> e.acknowledged()).hasSize(2);
        }
    }

    private long ackMarks() {
        TableView<?> t = alertTable();
        TableColumn<?, ?> ack = t.getColumns().getLast();
        long n = 0;
        for (int i = 0; i < t.getItems().size(); i++) {
            if ("✓".equals(ack.getCellData(i))) {
                n++;
            }
        }
        return n;
    }

    private Path exported(String suffix) throws Exception {
        // Written off the FX thread: the line next to the buttons says when it is done.
        awaitFx(suffix + " export written", () -> {
            String said = robot.lookup("#export-result").queryAs(Label.class).getText();
            return said.startsWith("Exported 2 rows to ") && said.endsWith(suffix);
        });
        Path dir = tmp.resolve("exports");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.toString().endsWith(suffix)).toList();
            assertThat(found).as("one %s export in %s", suffix, dir).hasSize(1);
            return found.getFirst();
        }
    }
}
