package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.xdpguard.console.lab.CommandResponder;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.CommandRequest;
import io.xdpguard.protocol.GuardMode;
import java.util.Map;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;

/**
 * The host view's command panel against a real broker and a fake agent that answers its cmd topic: mode and
 * thresholds change with the agent's answer shown, enforce asks first, refusals and silence are explained.
 */
class CommandPanelTest extends ConsoleFxTest {

    private String result() {
        return text("#command-result").orElse("");
    }

    private void openHost() {
        awaitFx("web-1 tile on the wall", () -> node("#tile-lab-web-1").isPresent());
        robot.clickOn("#tile-lab-web-1");
        awaitFx("host view with commands", () -> node("#cmd-set-mode").map(n -> !n.isDisabled()).orElse(false)
                && node("#cmd-set-mode").get().getScene() != null && node("#cmd-set-mode").get().isVisible());
    }

    @SuppressWarnings("unchecked")
    private void chooseMode(GuardMode m) {
        fx(() -> {
            robot.lookup("#cmd-mode").queryAs(ChoiceBox.class).setValue(m);
            return null;
        });
    }

    @Test
    void modeAndThresholdsChangeThroughTheAgentsReply() throws Exception {
        try (SimAgent agent = new SimAgent(broker.url(), "lab", "web-1");
             CommandResponder responder = new CommandResponder(broker.url(), "lab", "web-1", GuardMode.MONITOR)) {
            agent.online(GuardMode.MONITOR);
            openHost();
            assertThat(fx(() -> text("#host-mode").orElse(""))).isEqualTo("MONITOR");

            // Monitor -> shadow: sent, pending, then the agent's own words.
            chooseMode(GuardMode.SHADOW);
            robot.clickOn("#cmd-set-mode");
            awaitFx("set_mode acknowledged", () -> result().startsWith("✓ set mode shadow: set_mode done: mode shadow"));
            // The fake agent never republishes its (retained, monitor) status: the new mode comes from the reply.
            assertThat(fx(() -> text("#host-mode").orElse(""))).as("host view right after the ✓").isEqualTo("SHADOW");
            assertThat(responder.seen()).last().satisfies(r -> {
                assertThat(r.action()).isEqualTo(CommandRequest.SET_MODE);
                assertThat(r.params()).isEqualTo(Map.of("mode", "shadow"));
            });

            // Enforce asks first; Cancel sends nothing.
            chooseMode(GuardMode.ENFORCE);
            robot.clickOn("#cmd-set-mode");
            awaitFx("confirmation shown", () -> node("#confirm-enforce").isPresent());
            robot.clickOn(robot.lookup("#confirm-enforce .button").match(
                    (Button b) -> "Cancel".equals(b.getText())).queryButton());
            awaitFx("cancel reported", () -> result().equals("Enforce not sent: cancelled."));
            assertThat(responder.seen()).hasSize(1);

            // Confirmed, it goes.
            robot.clickOn("#cmd-set-mode");
            awaitFx("confirmation shown again", () -> node("#confirm-enforce").isPresent());
            robot.clickOn(robot.lookup("#confirm-enforce .button").match(
                    (Button b) -> "Enforce".equals(b.getText())).queryButton());
            awaitFx("enforce acknowledged", () -> result().contains("mode enforce"));
            assertThat(responder.seen()).hasSize(2);

            // Thresholds: a value the agent refuses comes back as a refusal with its reason...
            robot.clickOn("#cmd-window-ms").eraseText(8).write("0");
            robot.clickOn("#cmd-set-thresholds");
            awaitFx("refusal shown", () -> result().startsWith("✗ set thresholds refused by the agent: windowMs must be 1 to 60000"));
            // ...and a good one is applied, the form showing what the agent now runs with.
            robot.clickOn("#cmd-window-ms").eraseText(8).write("100");
            robot.clickOn("#cmd-source-syn").eraseText(8).write("2500");
            robot.clickOn("#cmd-set-thresholds");
            awaitFx("thresholds acknowledged", () -> result().startsWith("✓ set thresholds"));
            assertThat(responder.seen()).last().satisfies(r ->
                    assertThat(r.params()).containsEntry("windowMs", "100").containsEntry("sourceSynPerSec", "2500"));
            assertThat(fx(() -> robot.lookup("#cmd-block-ms").queryAs(TextField.class).getText())).isEqualTo("10000");
            assertThat(fx(() -> text("#host-thresholds").orElse(""))).as("host view right after the ✓")
                    .isEqualTo("window 100 ms · block 10000 ms\nSYN/s per target 5000, per source 2500");
            assertThat(fx(() -> text("#host-mode").orElse(""))).isEqualTo("ENFORCE");
            // No telemetry from this agent: its charts still show the last ten minutes, not 1970's.
            double chartEnd = fx(() -> robot.lookup(".chart").queryAllAs(LineChart.class).stream()
                    .filter(c -> c.getTitle().startsWith("lab/web-1")).findFirst().map(c -> (NumberAxis) c.getXAxis())
                    .orElseThrow().getUpperBound());
            assertThat(chartEnd * 1000).isCloseTo(System.currentTimeMillis(), within(120_000.0));
            screenshot("host-commands");

            // Not just this view: the fleet took the reply, so the host opened afresh from the wall shows it too.
            showTab(0);
            robot.clickOn("#tile-lab-web-1");
            awaitFx("host view reopened", () -> text("#host-title").orElse("").equals("lab/web-1"));
            assertThat(fx(() -> text("#host-mode").orElse(""))).isEqualTo("ENFORCE");
            assertThat(fx(() -> text("#host-thresholds").orElse(""))).contains("per source 2500");
        }
    }

    @Test
    void anAgentThatDoesNotAnswerTimesOutWithAReason() throws Exception {
        try (SimAgent agent = new SimAgent(broker.url(), "lab", "web-1")) {
            agent.online(GuardMode.SHADOW);
            openHost();
            robot.clickOn("#cmd-status");
            awaitFx("pending shown", () -> result().startsWith("… status sent to lab/web-1"));
            assertThat(fx(() -> robot.lookup("#cmd-status").queryAs(Button.class).isDisabled())).isTrue();
            awaitFx("timed out", () -> result().startsWith("✗ status: no reply from lab/web-1 within 5 s"));
            assertThat(fx(() -> robot.lookup("#cmd-status").queryAs(Button.class).isDisabled())).isFalse();
        }
    }
}
