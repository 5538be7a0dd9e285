package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import eu.hansolo.tilesfx.Tile;
import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.Mosquitto;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.GuardMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A broker reached over MQTT over WebSocket (a ws:// URL), e.g. through a proxy that only passes HTTP. */
class WebSocketBrokerTest extends ConsoleFxTest {

    @Override
    protected Mosquitto startBroker(Path dir) throws IOException {
        return Mosquitto.startWithWebSockets(dir);
    }

    @Override
    protected ConsoleOptions options() {
        return super.options().withBrokers(List.of(broker.webSocketUrl()));
    }

    @Test
    void aWsUrlConnectsSubscribesAndDiscoversAgents() throws Exception {
        // The agent publishes on the plain listener; the console only listens over WebSocket.
        try (SimAgent agent = new SimAgent(broker.url(), "web", "edge-1")) {
            agent.online(GuardMode.ENFORCE);
            agent.publish(Messages.telemetry("web", "edge-1", 420, 0, System.currentTimeMillis()));
            awaitFx("agent seen over the WebSocket connection", () -> this.<Tile>node("#tile-web-edge-1")
                    .map(t -> t.getValue() == 420).orElse(false));
        }
        assertThat(app.console().connections().states()).singleElement().satisfies(s -> {
            assertThat(s.url()).startsWith("ws://");
            assertThat(s.detail()).startsWith("subscribed to all sites");
        });
    }
}
