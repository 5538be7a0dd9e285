package io.xdpguard.console.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.Mosquitto;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One broker session per installation: the same name on every start, and a second console on the same
 * configuration connects without one rather than throwing the first off its broker again and again.
 */
class BrokerSessionTest {
    @TempDir
    Path config;

    @Test
    void theNameIsKeptAcrossStartsAndHeldByOneConsoleAtATime() throws Exception {
        String first;
        try (BrokerSession running = new BrokerSession(config)) {
            first = running.name().orElseThrow();
            try (BrokerSession second = new BrokerSession(config)) {
                assertThat(second.name()).as("a second console on the same configuration").isEmpty();
            }
        }
        try (BrokerSession restarted = new BrokerSession(config)) {
            assertThat(restarted.name()).as("the next start").contains(first);
        }
        Files.write(config.resolve(BrokerSession.FILE), new byte[] {(byte) 0xff, 'x', '\n'});
        try (BrokerSession repaired = new BrokerSession(config)) {
            assertThat(repaired.name().orElseThrow()).as("a damaged name is made again").matches("[0-9a-f]{16}");
        }
        assertThat(BrokerSession.none().name()).isEmpty();
    }

    /**
     * A broker keeps a session's subscriptions: after the analyst narrows a profile's site filter, the sites left
     * out must not go on arriving through the session the wider filter made.
     */
    @Test
    void aNarrowedSiteFilterNoLongerDeliversTheSitesLeftOut(@TempDir Path mosquittoDir) throws Exception {
        Duration wait = Duration.ofSeconds(10);
        try (Mosquitto broker = Mosquitto.start(mosquittoDir); BrokerSession session = new BrokerSession(config)) {
            var everySite = new ConnectionProfile("lab", broker.url(), null, null, null, null, List.of(), true);
            try (BrokerLink before = HiveMqBrokerLink.create(everySite, ProfileSecrets.NONE, session, listener(List.of()))) {
                before.connect(wait);
                before.subscribe(BrokerSupervisor.subscriptions(everySite, before), wait);
            }
            var fraOnly = new ConnectionProfile("lab", broker.url(), null, null, null, null, List.of("fra"), true);
            List<String> topics = new CopyOnWriteArrayList<>();
            try (BrokerLink after = HiveMqBrokerLink.create(fraOnly, ProfileSecrets.NONE, session, listener(topics));
                    SimAgent publisher = new SimAgent(broker.url(), "ams", "pub")) {
                after.connect(wait);
                after.subscribe(BrokerSupervisor.subscriptions(fraOnly, after), wait);
                long now = System.currentTimeMillis();
                // One publisher, in this order: by the time the fra alert arrives, an ams one would have too.
                for (String site : List.of("ams", "fra")) {
                    publisher.raw("xdpguard/v1/" + site + "/web-1/alert", new io.xdpguard.protocol.Codec().encode(
                            Messages.alert(site, "web-1", site + "-1", "i", Severity.HIGH, AlertState.START,
                                    "198.18.7.1", "198.19.0.9", now)));
                }
                await("the fra alert").atMost(wait).until(() -> topics.contains("xdpguard/v1/fra/web-1/alert"));
                assertThat(topics).as("topics delivered with the filter fra").doesNotContain("xdpguard/v1/ams/web-1/alert");
            }
        }
    }

    /**
     * A profile removed (or whose filter changed) has its broker drop the session kept for it: the alerts queued
     * there, and those published later, are not delivered to the next connection under that client id.
     */
    @Test
    void aForgottenSessionDeliversNothingThatWasQueuedForIt(@TempDir Path mosquittoDir) throws Exception {
        Duration wait = Duration.ofSeconds(10);
        try (Mosquitto broker = Mosquitto.start(mosquittoDir); BrokerSession session = new BrokerSession(config);
                SimAgent publisher = new SimAgent(broker.url(), "ams", "pub")) {
            var lab = new ConnectionProfile("lab", broker.url(), null, null, null, null, List.of(), true);
            try (BrokerLink before = HiveMqBrokerLink.create(lab, ProfileSecrets.NONE, session, listener(List.of()))) {
                before.connect(wait);
                before.subscribe(BrokerSupervisor.subscriptions(lab, before), wait);
            }
            publishAlert(publisher, "web-1");
            HiveMqBrokerLink.factory(session).forget(lab, ProfileSecrets.NONE, wait);
            publishAlert(publisher, "web-2");

            List<String> topics = new CopyOnWriteArrayList<>();
            try (BrokerLink again = HiveMqBrokerLink.create(lab, ProfileSecrets.NONE, session, listener(topics))) {
                again.connect(wait);
                again.subscribe(BrokerSupervisor.subscriptions(lab, again), wait);
                // A broker delivers a session's queued alerts before anything published after the connection.
                publishAlert(publisher, "web-3");
                await("an alert published after the connection").atMost(wait)
                        .until(() -> topics.contains("xdpguard/v1/ams/web-3/alert"));
                assertThat(topics).as("alerts queued before, or published after, the session was dropped")
                        .doesNotContain("xdpguard/v1/ams/web-1/alert", "xdpguard/v1/ams/web-2/alert");
            }
        }
    }

    private static void publishAlert(SimAgent publisher, String host) throws Exception {
        publisher.raw("xdpguard/v1/ams/" + host + "/alert", new io.xdpguard.protocol.Codec().encode(Messages.alert(
                "ams", host, host + "-1", "i", Severity.HIGH, AlertState.START, "198.18.7.1", "198.19.0.9",
                System.currentTimeMillis())));
    }

    private static BrokerLink.Listener listener(List<String> topics) {
        return new BrokerLink.Listener() {
            @Override
            public void message(String topic, byte[] payload, boolean retained) {
                topics.add(topic);
            }

            @Override
            public void lost(String reason) {
            }

            @Override
            public void reply(byte[] correlationData, byte[] payload) {
            }
        };
    }
}
