package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.console.view.ExportTarget;
import io.xdpguard.console.view.ExportTarget.Format;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/**
 * Export asks where the rows go (a Save dialog, proposing the export folder and a timestamped name; answered
 * here for the analyst, as a native dialog cannot be driven) and writes exactly the rows shown there.
 */
class ExportDialogTest extends ConsoleFxTest {
    private static final Pattern ID = Pattern.compile(",((?:db|app)-1-\\d),");

    private final List<ExportTarget.Proposal> asked = new CopyOnWriteArrayList<>();
    private volatile Optional<Path> answer = Optional.empty();

    @Override
    protected ExportTarget exportTarget() {
        return (proposal, owner) -> {
            asked.add(proposal);
            return answer;
        };
    }


    private String result() {
        return fx(() -> robot.lookup("#export-result").queryAs(Label.class).getText());
    }

    /** Three alerts (two from db-1, one from app-1) in the table; below HIGH, so no notification takes the eye. */
    private void threeAlertsShown() throws Exception {
        long now = System.currentTimeMillis();
        try (SimAgent a = new SimAgent(broker.url(), "lab", "db-1"); SimAgent b = new SimAgent(broker.url(), "lab", "app-1")) {
            a.online(GuardMode.SHADOW);
            b.online(GuardMode.SHADOW);
            a.publish(Messages.alert("lab", "db-1", "db-1-1", "i1", Severity.MEDIUM, AlertState.START, "198.18.1.1",
                    "198.19.0.5", now));
            a.publish(Messages.alert("lab", "db-1", "db-1-2", "i1", Severity.MEDIUM, AlertState.UPDATE, "198.18.1.1",
                    "198.19.0.5", now + 1));
            b.publish(Messages.alert("lab", "app-1", "app-1-1", "i9", Severity.LOW, AlertState.START, "198.18.2.2",
                    "198.19.0.6", now + 2));
        }
        robot.clickOn("#tab-alerts");
        awaitFx("three rows", () -> alertTable().getItems().size() == 3);
    }

    private void shortcut(KeyCode... keys) {
        fx(() -> {
            alertTable().requestFocus();
            return null;
        });
        robot.press(keys).release(keys);
    }

    private static List<String> ids(List<String> csvRows) {
        List<String> ids = new ArrayList<>();
        for (String row : csvRows) {
            Matcher m = ID.matcher(row);
            assertThat(m.find()).as("an alert id in %s", row).isTrue();
            ids.add(m.group(1));
        }
        return ids;
    }

    private List<Path> filesIn(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void theChosenFileGetsExactlyTheRowsShownFromTheKeyboard() throws Exception {
        threeAlertsShown();
        robot.clickOn("#search").write("db-1");
        awaitFx("search narrows to db-1", () -> alertTable().getItems().size() == 2);

        Path reports = Files.createDirectories(tmp.resolve("reports"));
        answer = Optional.of(reports.resolve("incident-42.csv"));
        shortcut(KeyCode.CONTROL, KeyCode.E);
        awaitFx("CSV written", () -> result().equals("Exported 2 rows to " + reports.resolve("incident-42.csv")));
        assertThat(asked).singleElement().satisfies(p -> {
            assertThat(p.folder()).isEqualTo(tmp.resolve("exports"));
            assertThat(p.fileName()).matches("alerts-\\d{8}-\\d{6}\\.csv");
            assertThat(p.format()).isEqualTo(Format.CSV);
        });
        List<String> lines = Files.readAllLines(reports.resolve("incident-42.csv"));
        assertThat(lines.getFirst()).startsWith("severity,time,site,host,kind,state,target");
        assertThat(ids(lines.subList(1, lines.size()))).containsExactlyInAnyOrder("db-1-1", "db-1-2");

        answer = Optional.of(reports.resolve("incident-42.json"));
        shortcut(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.E);
        awaitFx("JSON written", () -> result().equals("Exported 2 rows to " + reports.resolve("incident-42.json")));
        assertThat(asked.getLast().format()).isEqualTo(Format.JSON);
        assertThat(asked.getLast().fileName()).matches("alerts-\\d{8}-\\d{6}\\.json");
        JsonNode rows = new ObjectMapper().readTree(reports.resolve("incident-42.json").toFile());
        assertThat(rows).extracting(r -> r.get("alert").get("id").asText()).containsExactlyInAnyOrder("db-1-1", "db-1-2");

        assertThat(filesIn(tmp.resolve("exports"))).as("nothing written where the analyst did not choose").isEmpty();
        assertThat(filesIn(reports)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("incident-42.csv", "incident-42.json");
    }

    @Test
    void cancellingTheDialogWritesNothingAndIsNoError() throws Exception {
        threeAlertsShown();
        answer = Optional.empty();
        robot.clickOn("#export-csv");
        awaitFx("the console says nothing was written", () -> result().equals("Export cancelled: nothing written."));
        assertThat(asked).hasSize(1);
        assertThat(fx(() -> robot.lookup("#export-result").queryAs(Label.class).getStyleClass()))
                .doesNotContain("form-error");
        assertThat(filesIn(tmp.resolve("exports"))).isEmpty();
    }

    @Test
    void aPlaceThatCannotBeWrittenSaysWhyAndLosesNothing() throws Exception {
        threeAlertsShown();
        // A folder where the file should go: a write there fails for every user, root included.
        Path taken = Files.createDirectories(tmp.resolve("exports").resolve("taken.csv"));
        Files.writeString(taken.resolve("keep.txt"), "analyst's notes");
        answer = Optional.of(taken);
        robot.clickOn("#export-csv");
        awaitFx("the failure is shown", () -> result().startsWith("Export failed: cannot write " + taken + " ("));
        assertThat(result()).contains("export again to choose another place");
        assertThat(fx(() -> {
            Label l = robot.lookup("#export-result").queryAs(Label.class);
            return l.isVisible() && l.getScene() != null && l.getStyleClass().contains("form-error");
        })).isTrue();
        screenshot("export-failed");

        assertThat(Files.readString(taken.resolve("keep.txt"))).isEqualTo("analyst's notes");
        assertThat(filesIn(tmp.resolve("exports"))).as("no temporary file left behind").containsExactly(taken);
        assertThat(fx(() -> alertTable().getItems().size())).isEqualTo(3);

        // The rows are still there to be exported elsewhere.
        Path elsewhere = tmp.resolve("exports").resolve("alerts.csv");
        answer = Optional.of(elsewhere);
        robot.clickOn("#export-csv");
        awaitFx("written elsewhere", () -> result().equals("Exported 3 rows to " + elsewhere));
        assertThat(ids(Files.readAllLines(elsewhere).subList(1, 4))).containsExactlyInAnyOrder("db-1-1", "db-1-2",
                "app-1-1");
    }
}
