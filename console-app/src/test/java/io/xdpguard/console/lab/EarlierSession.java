package io.xdpguard.console.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.store.AlertHistory;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * An alert history that an earlier session of the console left behind (one alert, a minute old), a new alert
 * raised while the history is not open yet, and the check that both end up stored.
 */
public final class EarlierSession {
    private EarlierSession() {
    }

    /** Stores the earlier session's alert ({@code db-1-old}, received over {@code broker}) in {@code dataDir}. */
    public static void store(Path dataDir, String broker) throws Exception {
        long then = System.currentTimeMillis() - 60_000;
        try (AlertHistory h = new AlertHistory(dataDir, new Codec().mapper(), Clock.systemUTC(),
                Duration.ofDays(30), 1_000)) {
            h.recorded(List.of(new AlertEntry(Messages.alert("lab", "db-1", "db-1-old", "i0", Severity.LOW,
                    AlertState.END, "198.18.1.9", null, then), broker, then, null)));
            h.flush(Duration.ofSeconds(5));
        }
    }

    /** An agent comes online and raises a new alert ({@code db-1-new}). */
    public static void raiseNewAlert(String brokerUrl) throws Exception {
        try (SimAgent agent = new SimAgent(brokerUrl, "lab", "db-1")) {
            agent.online(GuardMode.SHADOW);
            agent.publish(Messages.alert("lab", "db-1", "db-1-new", "i1", Severity.LOW, AlertState.START,
                    "198.18.1.1", "198.19.0.5", System.currentTimeMillis()));
        }
    }

    /** Waits until the history holds both alerts, the earlier one first. */
    public static void awaitBothStored(AlertHistory history, String what, Duration wait) throws Exception {
        await(what).atMost(wait).until(() -> {
            history.flush(Duration.ofSeconds(5));
            return history.count() == 2;
        });
        assertThat(history.recent(10)).extracting(e -> e.alert().id()).containsExactly("db-1-old", "db-1-new");
    }
}
