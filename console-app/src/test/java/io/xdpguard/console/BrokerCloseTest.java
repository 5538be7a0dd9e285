package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.Mosquitto;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.console.model.BrokerState;
import io.xdpguard.console.model.Diagnostics;
import io.xdpguard.console.model.Inbound;
import io.xdpguard.console.mqtt.BrokerConnections;
import io.xdpguard.console.mqtt.HiveMqBrokerLink;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.Severity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the console's broker connections (the window closed, or SIGTERM at logout) waits for a message the MQTT
 * client has already taken and acknowledged to the broker, while it is still being decoded and handed on: the
 * console closes its fleet pipeline and history right after, and the broker will not send that alert again.
 */
class BrokerCloseTest {
    /** How long the handing-on of the alert takes here: a cold JVM's first decode took 140 ms on this VM. */
    private static final long SLOW_HAND_OFF_MS = 400;

    @TempDir
    Path dir;

    @Test
    void closeWaitsForAnAlertStillBeingHandedOn() throws Exception {
        // Two profiles on the one broker: both links take the alert, and the console closes them together.
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handedOn = new AtomicInteger();
        try (Mosquitto broker = Mosquitto.start(dir.resolve("mosquitto"))) {
            BrokerConnections connections = new BrokerConnections(HiveMqBrokerLink.factory(io.xdpguard.console.mqtt.BrokerSession.none()), new Codec(),
                    new Diagnostics(), (Inbound in) -> {
                        if (in.message() instanceof Alert) {
                            entered.countDown();
                            try {
                                release.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            handedOn.incrementAndGet();
                        }
                    }, Clock.systemUTC(), Duration.ofMillis(100), Duration.ofSeconds(1));
            connections.open(ConnectionProfile.plain("lab-a", broker.url()), ProfileSecrets.NONE);
            connections.open(ConnectionProfile.plain("lab-b", broker.url()), ProfileSecrets.NONE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (connections.states().stream().filter(s -> s.phase() == BrokerState.Phase.CONNECTED).count() < 2) {
                assertThat(System.nanoTime()).as("both connected to the broker within 20 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            try (SimAgent agent = new SimAgent(broker.url(), "lab", "web-1")) {
                agent.publish(Messages.alert("lab", "web-1", "a1", "inc-1", Severity.HIGH, AlertState.START,
                        "198.18.0.1", "198.19.0.1", System.currentTimeMillis()));
                assertThat(entered.await(20, TimeUnit.SECONDS)).as("the alert reached both links").isTrue();

                Thread slowDecode = Thread.ofPlatform().name("slow-hand-off").start(() -> {
                    try {
                        Thread.sleep(SLOW_HAND_OFF_MS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    release.countDown();
                });
                connections.close();
                assertThat(handedOn).as("handed on by both links before close() returned").hasValue(2);
                slowDecode.join();
            }
        }
    }
}
