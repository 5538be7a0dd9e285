package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Rejection;
import io.xdpguard.protocol.Severity;
import java.nio.charset.StandardCharsets;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;

/** Garbage from a broken or hostile agent is counted in diagnostics, never shown, and the console keeps going. */
class MalformedInputTest extends ConsoleFxTest {

    @Test
    void badMessagesAreCountedNotShown() throws Exception {
        long now = System.currentTimeMillis();
        Codec codec = new Codec();
        try (SimAgent agent = new SimAgent(broker.url(), "lab", "good")) {
            agent.online(GuardMode.MONITOR);
            agent.raw("xdpguard/v1/lab/good/alert", "{not json".getBytes(StandardCharsets.UTF_8));
            agent.raw("xdpguard/v1/lab/good/alert", new byte[Codec.MAX_PAYLOAD_BYTES + 1]);
            agent.raw("xdpguard/v1/lab/good/telemetry", "{\"schema\":2,\"site\":\"lab\"}".getBytes(StandardCharsets.UTF_8));
            agent.raw("xdpguard/v1/lab/good/telemetry", "{\"schema\":1,\"site\":\"lab\",\"host\":\"good\"}".getBytes(StandardCharsets.UTF_8));
            // Valid alert, but about another host than its topic says.
            agent.raw("xdpguard/v1/lab/good/alert", codec.encode(Messages.alert("lab", "intruder", "x-1", "x",
                    Severity.CRITICAL, AlertState.START, "198.18.9.9", null, now)));
            // And the console still takes good input after all that.
            agent.publish(Messages.alert("lab", "good", "good-1", "g", Severity.LOW, AlertState.START,
                    "198.18.3.3", null, now));

            robot.clickOn("#tab-alerts");
            TableView<?> table = alertTable();
            awaitFx("good alert shown", () -> table.getItems().size() == 1);
            assertThat(fx(() -> table.getColumns().get(3).getCellData(0))).isEqualTo("good");

            awaitFx("five rejections counted", () -> app.console().diagnostics().snapshot().rejectedTotal() == 5);
            var counts = app.console().diagnostics().snapshot().rejected();
            assertThat(counts.get(Rejection.MALFORMED)).isEqualTo(1);
            assertThat(counts.get(Rejection.TOO_LARGE)).isEqualTo(1);
            assertThat(counts.get(Rejection.WRONG_SCHEMA)).isEqualTo(1);
            assertThat(counts.get(Rejection.INVALID)).isEqualTo(1);
            assertThat(counts.get(Rejection.HOST_MISMATCH)).isEqualTo(1);
            assertThat(node("#tile-lab-intruder")).isEmpty();

            robot.clickOn("#tab-diagnostics");
            awaitFx("diagnostics shows the rejected count", () -> metric("#metric-rejected").equals("5"));
            assertThat(fx(() -> metric("#metric-host-mismatch"))).isEqualTo("1");
            TableView<?> rejects = robot.lookup("#reject-table").queryAs(TableView.class);
            assertThat(fx(() -> rejects.getItems().size())).isEqualTo(5);
            screenshot("diagnostics");
        }
    }

    private String metric(String id) {
        return robot.lookup(id).tryQuery().map(n -> ((Label) ((VBox) n).getChildren().getFirst()).getText()).orElse("");
    }
}
