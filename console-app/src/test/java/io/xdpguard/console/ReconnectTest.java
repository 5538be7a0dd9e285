package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.GuardMode;
import org.junit.jupiter.api.Test;

/** The broker restarts: the console shows it retrying, reconnects by itself and its subscriptions work again. */
class ReconnectTest extends ConsoleFxTest {

    @Test
    void reconnectsAndResubscribesAfterBrokerRestart() throws Exception {
        try (SimAgent before = new SimAgent(broker.url(), "lab", "before")) {
            before.online(GuardMode.MONITOR);
            awaitFx("first host", () -> node("#tile-lab-before").isPresent());
        } catch (org.eclipse.paho.mqttv5.common.MqttException ignored) {
            // The agent's own disconnect is not under test.
        }

        broker.stop();
        awaitFx("chip shows retrying", () -> text("#broker-cli-1").orElse("").endsWith("retrying"));
        showTab(6);
        // Why it is retrying, with the advice after it, whole in the detail cell's tooltip however narrow the cell.
        awaitFx("the detail's tooltip", () -> robot.lookup("#broker-states .table-cell").queryAll().stream()
                .map(n -> (javafx.scene.control.TableCell<?, ?>) n)
                .anyMatch(c -> c.getTooltip() != null && c.getTooltip().getText().startsWith("connect failed")
                        && c.getTooltip().getText().equals(c.getItem())));
        screenshot("connections-retrying");
        broker.restart();
        awaitFx("chip shows connected again", () -> text("#broker-cli-1").orElse("").endsWith("connected"));

        // Only a restored subscription can deliver this one.
        try (SimAgent after = new SimAgent(broker.url(), "lab", "after")) {
            after.online(GuardMode.ENFORCE);
            after.publish(Messages.telemetry("lab", "after", 50, 0, System.currentTimeMillis()));
            showTab(0);
            awaitFx("host published after the restart appears", () -> node("#tile-lab-after").isPresent());
        }
        assertThat(app.console().connections().states()).singleElement()
                .satisfies(s -> assertThat(s.detail()).startsWith("subscribed to all sites"));
    }
}
