package io.xdpguard.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.agent.guard.GuardStats;
import io.xdpguard.protocol.GuardMode;
import org.junit.jupiter.api.Test;

class TelemetrySamplerTest {
    private static GuardStats stats(long packets, long bytes, long syn, long dropped) {
        return new GuardStats(packets, bytes, packets, 0, syn, syn, 0, 0, 0, 0, 0, 0, 0, dropped, 0, 0, 0);
    }

    @Test
    void ratesArePerSecondOverTheRealInterval() {
        var sampler = new TelemetrySampler("lab", "h1");
        assertThat(sampler.sample(stats(1000, 64_000, 900, 0), 0, 1, 0, GuardMode.MONITOR)).isNull();
        var t = sampler.sample(stats(21_000, 1_344_000, 18_900, 500), 2_000_000_000L, 2, 1, GuardMode.ENFORCE);
        assertThat(t.pps()).isEqualTo(10_000);
        assertThat(t.bps()).isEqualTo(5_120_000);
        assertThat(t.synPerSec()).isEqualTo(9_000);
        assertThat(t.droppedPerSec()).isEqualTo(250);
        assertThat(t.activeIncidents()).isEqualTo(1);
        assertThat(t.mode()).isEqualTo(GuardMode.ENFORCE);
    }
}
