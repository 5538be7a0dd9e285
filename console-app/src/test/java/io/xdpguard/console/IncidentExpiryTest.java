package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import eu.hansolo.tilesfx.Tile;
import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

/**
 * An agent that dies mid-incident never sends its END: the analyst sees the incident as expired, with the
 * reason, and the host's tile stops counting it, instead of an attack that goes on forever.
 */
class IncidentExpiryTest extends ConsoleFxTest {

    @Test
    void anIncidentOfAnAgentThatDiesIsShownExpired() throws Exception {
        SimAgent agent = new SimAgent(broker.url(), "dc1", "edge-9");
        agent.online(GuardMode.ENFORCE);
        agent.publish(Messages.alert("dc1", "edge-9", "e9-1", "inc-9", Severity.CRITICAL, AlertState.START,
                "198.18.0.99", null, System.currentTimeMillis()));
        awaitFx("tile counts the incident", () -> this.<Tile>node("#tile-dc1-edge-9")
                .map(t -> t.getDescription().contains("1 incident · CRITICAL")).orElse(false));

        agent.crash();

        awaitFx("tile offline, no incident", () -> {
            Tile t = this.<Tile>node("#tile-dc1-edge-9").orElseThrow();
            return t.getText().startsWith("OFFLINE") && t.getDescription().endsWith("no incident");
        });
        robot.clickOn("#tab-incidents");
        TableView<?> table = robot.lookup("#incident-table").queryAs(TableView.class);
        awaitFx("incident shown as expired", () -> table.getItems().size() == 1
                && "expired".equals(table.getColumns().get(1).getCellData(0)));
        fx(() -> {
            table.getSelectionModel().select(0);
            return null;
        });
        assertThat(fx(() -> robot.lookup(".panel .label").queryAllAs(Label.class).stream().map(Label::getText)
                .filter(s -> s.startsWith("CRITICAL")).findFirst().orElse("")))
                .contains("expired (host offline; the agent's end of it never came)");
        screenshot("incident-expired");
    }
}
