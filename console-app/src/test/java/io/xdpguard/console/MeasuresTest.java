package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xdpguard.console.model.InsertCadence;
import io.xdpguard.console.model.LatencyRecorder;
import io.xdpguard.console.model.NotificationThrottle;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasuresTest {
    @Test
    void percentilesAreWithinTwoPercent() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 1; i <= 1_000; i++) {
            r.recordMicros(i * 100L);
        }
        assertThat(r.percentileMicros(0.99)).isBetween(99_000L, 101_000L);
        assertThat(r.percentileMicros(0.5)).isBetween(49_000L, 51_100L);
        assertThat(r.maxMicros()).isEqualTo(100_000);
    }

    @Test
    void notificationsAreRateLimitedAndHeldOnesCounted() {
        NotificationThrottle t = new NotificationThrottle(5_000);
        assertThat(t.offer(0)).isZero();
        assertThat(t.offer(1_000)).isEqualTo(-1);
        assertThat(t.offer(2_000)).isEqualTo(-1);
        assertThat(t.offer(5_000)).isEqualTo(2);
    }

    @Test
    void aFloodOfIncidentsSpacesNotificationsFurtherApartUntilItStops() {
        NotificationThrottle t = new NotificationThrottle(5_000);
        assertThat(t.offer(0)).isZero();
        // A new high-severity incident every second: the gap doubles after each notification that had to hold some.
        int shown = 0;
        long last = 0;
        List<Long> gaps = new java.util.ArrayList<>();
        for (long now = 1_000; now <= 120_000; now += 1_000) {
            if (t.offer(now) >= 0) {
                gaps.add(now - last);
                last = now;
                shown++;
            }
        }
        assertThat(gaps).containsExactly(5_000L, 10_000L, 20_000L, 40_000L, 40_000L);
        assertThat(shown).isEqualTo(5);
        // Quiet for a while: the next one goes out at once (with the count held back at the end of the flood),
        // and the one after waits the base interval only.
        assertThat(t.offer(300_000)).isEqualTo(5);
        assertThat(t.offer(301_000)).isEqualTo(-1);
        assertThat(t.offer(305_000)).isEqualTo(1);
    }

    @Test
    void badCommandLineIsExplained() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--retention-days", "x")))
                .hasMessageContaining("--retention-days must be a positive whole number");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--frobnicate", "1"))).hasMessageContaining("unknown argument");
        assertThat(ConsoleOptions.parse(List.of("--broker", "tcp://b:1883")).brokers()).containsExactly("tcp://b:1883");
        assertThat(ConsoleOptions.parse(List.of()).warmUpAlerts()).isEqualTo(ConsoleOptions.DEFAULT_WARM_UP_ALERTS);
        assertThat(ConsoleOptions.parse(List.of("--warm-up-alerts", "0")).warmUpAlerts()).isZero();
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--warm-up-alerts", "-5")))
                .hasMessageContaining("--warm-up-alerts must be 0 or a positive whole number, not '-5'");
    }

    @Test
    void rowsGoInEveryThirdFrameAndLateOnesAtTheSecond() {
        long ms = 1_000_000L;
        long wall = 1_800_000_000_000L;
        InsertCadence c = new InsertCadence(0);
        assertThat(c.due(0, wall)).as("a lone alert after a quiet spell goes in at once").isTrue();

        c.waiting(wall + 30);
        assertThat(c.due(33 * ms, wall + 33)).as("second frame, alert 3 ms old").isFalse();
        assertThat(c.due(50 * ms, wall + 50)).as("third frame").isTrue();

        c.waiting(wall + 10);
        assertThat(c.due(67 * ms, wall + 67)).as("first frame after an insert, even for a late alert").isFalse();
        assertThat(c.due(84 * ms, wall + 84)).as("second frame, alert published 74 ms ago").isTrue();

        // An agent clock a minute behind makes every alert look late: it must not speed the table up.
        c.waiting(wall - 60_000);
        assertThat(c.due(117 * ms, wall + 117)).as("second frame, clock skewed").isFalse();
        assertThat(c.due(134 * ms, wall + 134)).as("third frame, clock skewed").isTrue();
    }
}
