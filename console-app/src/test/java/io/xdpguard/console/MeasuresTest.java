package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void badCommandLineIsExplained() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--retention-days", "x")))
                .hasMessageContaining("--retention-days must be a positive whole number");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--frobnicate", "1"))).hasMessageContaining("unknown argument");
        assertThat(ConsoleOptions.parse(List.of("--broker", "tcp://b:1883")).brokers()).containsExactly("tcp://b:1883");
    }
}
