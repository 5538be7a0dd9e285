package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.ingest.FleetPipeline;
import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.model.Diagnostics;
import io.xdpguard.console.model.FleetLimits;
import io.xdpguard.console.model.Inbound;
import io.xdpguard.console.store.AlertHistory;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.Severity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts the console has taken from the broker (and acknowledged to it) are in the history after the console stops,
 * however soon after their arrival it stops: the window closed, or SIGTERM at logout.
 */
class PipelineCloseTest {
    private static final int ALERTS = 2_000;

    @TempDir
    Path dir;

    @Test
    void everyAlertTakenBeforeCloseIsInTheHistoryAfterIt() throws Exception {
        Codec codec = new Codec();
        long now = System.currentTimeMillis();
        try (AlertHistory history = new AlertHistory(dir, codec.mapper(), Clock.systemUTC(), Duration.ofDays(1),
                1_000_000)) {
            FleetPipeline pipeline = new FleetPipeline(FleetLimits.defaults(), new Diagnostics(), history,
                    Clock.systemUTC()).start();
            for (int i = 0; i < ALERTS; i++) {
                pipeline.offer(new Inbound("b", Messages.alert("lab", "web-" + (i % 20), "a" + i, "inc-" + i,
                        Severity.HIGH, AlertState.START, "198.18.0." + (i % 250 + 1), "198.19.0.1", now + i),
                        false, now + i));
            }
            // At once, as a console stopping right after a burst: queued and unsealed alerts are journaled first.
            pipeline.close();
        }
        try (AlertHistory reopened = new AlertHistory(dir, codec.mapper(), Clock.systemUTC(), Duration.ofDays(1),
                1_000_000)) {
            assertThat(reopened.count()).isEqualTo(ALERTS);
        }
    }
}
