package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The console keeps a session on its broker (mqtt.BrokerSession): an alert raised while it was closed is
 * queued by the broker and is in the table once the analyst opens the console again.
 */
class OfflineAlertsTest extends ConsoleFxTest {

    @Test
    void anAlertRaisedWhileTheConsoleWasClosedIsShownWhenItOpens() throws Exception {
        try (SimAgent agent = new SimAgent(broker.url(), "lab", "web-1")) {
            agent.online(GuardMode.MONITOR);
            awaitFx("the agent's tile", () -> node("#tile-lab-web-1").isPresent());

            FxToolkit.cleanupApplication(app);
            app = null;
            long now = System.currentTimeMillis();
            agent.publish(Messages.alert("lab", "web-1", "while-closed-1", "inc-closed", Severity.HIGH,
                    AlertState.START, "198.18.7.1", "198.19.0.9", now));

            app = (ConsoleApp) FxToolkit.setupApplication(() -> new ConsoleApp(options(), openers(), exportTarget()));
            FxToolkit.showStage();
            awaitStarted();
            robot.clickOn("#tab-alerts");
            awaitFx("the alert raised while the console was closed is a row", () -> alertTable()
                    .lookupAll(".table-cell").stream().anyMatch(c -> c instanceof javafx.scene.control.TableCell<?, ?> cell
                            && "198.18.7.1:80".equals(cell.getText())));
            screenshot("alerts-raised-while-closed");
        }
        // One name for this installation, kept for the next start.
        assertThat(Files.readString(tmp.resolve("config").resolve("console-id")).strip()).matches("[0-9a-f]{16}");
    }
}
