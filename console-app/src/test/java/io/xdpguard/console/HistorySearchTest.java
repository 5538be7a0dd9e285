package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.console.model.FleetLimits;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import java.time.Duration;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** The live table keeps a bounded window; alerts that left it are found in the history view. */
class HistorySearchTest extends ConsoleFxTest {

    @Override
    protected FleetLimits limits() {
        // A live window of 2 rows, so that 4 alerts overflow it.
        return new FleetLimits(5_000, 2, 200_000, 5_000, 3_000, 600);
    }

    @Test
    void alertsBeyondTheLiveWindowAreFoundInTheHistory() throws Exception {
        long now = System.currentTimeMillis();
        try (SimAgent a = new SimAgent(broker.url(), "lab", "db-1"); SimAgent b = new SimAgent(broker.url(), "lab", "app-1")) {
            a.online(GuardMode.SHADOW);
            b.online(GuardMode.SHADOW);
            for (int i = 1; i <= 3; i++) {
                a.publish(Messages.alert("lab", "db-1", "db-1-" + i, "i1", Severity.HIGH,
                        i == 1 ? AlertState.START : AlertState.UPDATE, "198.18.1.1", "198.19.0.5", now + i));
            }
            b.publish(Messages.alert("lab", "app-1", "app-1-1", "i9", Severity.MEDIUM, AlertState.START,
                    "198.18.2.2", "198.19.0.6", now + 4));
            // On the test thread, not the FX thread: flushing waits for the database writer.
            var history = app.console().history().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            await("all four stored").atMost(WAIT).until(() -> {
                history.flush(Duration.ofSeconds(5));
                return history.count() == 4;
            });
            robot.clickOn("#tab-alerts");
            TableView<?> live = alertTable();
            awaitFx("the live table holds its window of 2", () -> live.getItems().size() == 2);

            robot.clickOn("#tab-history");
            robot.clickOn("#history-query").write("db-1").type(KeyCode.ENTER);
            TableView<?> found = robot.lookup("#history-table").queryAs(TableView.class);
            awaitFx("all three db-1 alerts found", () -> found.getItems().size() == 3);
            assertThat(text("#history-result")).hasValue("3 alerts found, newest first");
            assertThat(fx(() -> found.getColumns().get(3).getCellData(0))).isEqualTo("db-1");
            screenshot("history");
        }
    }
}
