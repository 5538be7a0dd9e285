package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import eu.hansolo.tilesfx.Tile;
import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.GuardMode;
import org.junit.jupiter.api.Test;

/** An agent that dies shows as offline within seconds (last will); one whose telemetry stops, as silent. */
class HostLivenessTest extends ConsoleFxTest {

    @Test
    void crashedAgentIsOfflineByItsLastWillWithLastSeen() throws Exception {
        SimAgent agent = new SimAgent(broker.url(), "dc1", "edge-7");
        agent.online(GuardMode.ENFORCE);
        agent.publish(Messages.telemetry("dc1", "edge-7", 300, 0, System.currentTimeMillis()));
        awaitFx("tile online", () -> this.<Tile>node("#tile-dc1-edge-7").map(t -> t.getText().startsWith("ONLINE"))
                .orElse(false));
        // The counts above the wall follow its tiles at once, not at the next once-a-second refresh.
        assertThat(fx(() -> text("#wall-summary").orElse(""))).startsWith("1 host · 0 under attack · 0 offline");
        assertThat(fx(() -> text("#status-line").orElse(""))).as("status line").startsWith("1 host · ");
        assertThat(fx(() -> node("#wall-empty").map(javafx.scene.Node::isVisible).orElse(true)))
                .as("no \"waiting for agents\" over a tile").isFalse();

        long crashedAt = System.currentTimeMillis();
        agent.crash();

        awaitFx("tile offline", () -> this.<Tile>node("#tile-dc1-edge-7").orElseThrow().getText().startsWith("OFFLINE"));
        long shownAfter = System.currentTimeMillis() - crashedAt;
        assertThat(shownAfter).as("offline shown within seconds").isLessThan(5_000);
        assertThat(fx(() -> text("#wall-summary").orElse(""))).contains("1 offline or silent");
        assertThat(fx(() -> this.<Tile>node("#tile-dc1-edge-7").orElseThrow().getText())).contains("seen ").contains("s ago");
        screenshot("wall-offline");
    }

    @Test
    void agentWhoseTelemetryStopsIsShownSilent() throws Exception {
        try (SimAgent agent = new SimAgent(broker.url(), "dc1", "edge-8")) {
            agent.online(GuardMode.MONITOR);
            agent.publish(Messages.telemetry("dc1", "edge-8", 100, 0, System.currentTimeMillis()));
            awaitFx("tile online", () -> this.<Tile>node("#tile-dc1-edge-8").isPresent());
            // limits(): silent after 3 s without telemetry; the agent stays connected, so no will fires.
            awaitFx("tile silent", () -> this.<Tile>node("#tile-dc1-edge-8").orElseThrow().getText()
                    .startsWith("NO TELEMETRY"));
            agent.publish(Messages.telemetry("dc1", "edge-8", 100, 0, System.currentTimeMillis()));
            awaitFx("tile online again", () -> this.<Tile>node("#tile-dc1-edge-8").orElseThrow().getText()
                    .startsWith("ONLINE"));
        }
    }
}
