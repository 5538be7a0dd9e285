package io.xdpguard.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.model.Diagnostics;
import io.xdpguard.console.mqtt.BrokerConnections;
import io.xdpguard.console.mqtt.BrokerLink;
import io.xdpguard.console.mqtt.BrokerLinkFactory;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.console.profile.ProfileStore;
import io.xdpguard.protocol.Codec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which profile changes drop the broker session kept for a profile: removing it, and changing its site filter
 * (another client id, so another session). Another URL (maybe the same broker under another name), other
 * settings, or switching it off keep it: a profile switched on again gets what its broker queued meanwhile.
 */
class ProfileSessionsTest {
    @TempDir
    Path config;

    private final LinkedBlockingQueue<ConnectionProfile> forgotten = new LinkedBlockingQueue<>();

    @Test
    void removingAProfileOrChangingItsSiteFilterDropsItsBrokerSession() throws Exception {
        BrokerLinkFactory noBroker = new BrokerLinkFactory() {
            @Override
            public BrokerLink create(ConnectionProfile profile, ProfileSecrets secrets, BrokerLink.Listener listener)
                    throws BrokerLink.BrokerException {
                throw new BrokerLink.BrokerException("no broker in this test", null);
            }

            @Override
            public void forget(ConnectionProfile profile, ProfileSecrets secrets, Duration timeout) {
                forgotten.add(profile);
            }
        };
        try (var connections = new BrokerConnections(noBroker, new Codec(), new Diagnostics(), in -> { },
                Clock.systemUTC(), Duration.ofMinutes(1), Duration.ofMinutes(1))) {
            var tasks = new ProfileTasks(new ProfileStore(config), connections, Runnable::run);
            var every = new ConnectionProfile("lab", "tcp://127.0.0.1:1883", null, null, null, null, List.of(), true);
            save(tasks, every);
            var fraAms = new ConnectionProfile("lab", every.url(), null, null, null, null, List.of("fra", "ams"), true);
            save(tasks, fraAms);
            assertThat(forgotten.poll(10, TimeUnit.SECONDS)).as("the session of the filter before").isEqualTo(every);

            save(tasks, new ConnectionProfile("lab", every.url(), null, null, null, null, List.of("ams", "fra"), true));
            var elsewhere = new ConnectionProfile("lab", "tcp://localhost:1883", "analyst", null, null, null,
                    List.of("ams", "fra"), true);
            save(tasks, elsewhere);
            var off = new ConnectionProfile("lab", elsewhere.url(), "analyst", null, null, null, List.of("ams", "fra"),
                    false);
            save(tasks, off);
            assertThat(tasks.remove("lab").get(10, TimeUnit.SECONDS).ok()).isTrue();
            assertThat(forgotten.poll(10, TimeUnit.SECONDS)).as("the removed profile's session").isEqualTo(off);
            assertThat(forgotten).as("the same filter in another order, another URL, other settings, switched off")
                    .isEmpty();
        }
    }

    private static void save(ProfileTasks tasks, ConnectionProfile p) throws Exception {
        assertThat(tasks.save(p, "", "").get(10, TimeUnit.SECONDS).ok()).as("saved " + p).isTrue();
    }
}
