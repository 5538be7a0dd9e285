package io.xdpguard.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xdpguard.agent.bpf.Packets;
import io.xdpguard.agent.bpf.RequiresRoot;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** configure() changes what the running program does, with no reload. */
@ExtendWith(RequiresRoot.class)
class LiveConfigTest {
    private static final long MAX = GuardHarness.MAX;
    private static final String A = "198.18.3.10";
    private static final String T = "198.18.0.1";

    @Test
    void modeAndThresholdsApplyToTheNextPacket() throws Exception {
        GuardConfig monitor = GuardHarness.config(GuardMode.MONITOR, 10_000, MAX, 10, 10_000, 60_000);
        try (var h = GuardHarness.start(monitor)) {
            int progId = h.guard.programId();
            byte[] syn = Packets.syn(A, T, 80).build();
            assertThat(h.run(syn, 200).passed()).isTrue();
            assertThat(h.stats().dropped()).isZero();

            h.guard.configure(monitor.withMode(GuardMode.ENFORCE));
            assertThat(h.once(syn).dropped()).as("still over threshold: blocked now").isTrue();

            h.guard.configure(monitor);
            assertThat(h.once(syn).passed()).as("monitor ignores the block").isTrue();

            h.guard.configure(GuardHarness.config(GuardMode.ENFORCE, 10_000, MAX, MAX, 10_000, 60_000));
            assertThat(h.once(syn).dropped()).as("a block lasts its block time").isTrue();
            assertThat(h.guard.unblock(InetAddress.getByName(A))).isTrue();
            assertThat(h.once(syn).passed()).as("unblocked, and under the raised threshold").isTrue();
            assertThat(h.guard.unblock(InetAddress.getByName(A))).isFalse();

            assertThat(h.guard.programId()).as("same program: nothing was reloaded").isEqualTo(progId);
            assertThat(h.guard.currentConfig().sourceSynPerSec()).isEqualTo(MAX);
        }
    }

    @Test
    void targetThresholdCanBeRaisedLive() throws Exception {
        GuardConfig low = GuardHarness.config(GuardMode.MONITOR, 10_000, 10, MAX, 10_000, 1);
        try (var h = GuardHarness.start(low)) {
            byte[] syn = Packets.syn(A, T, 80).build();
            h.run(syn, 150);
            assertThat(h.nextEvent().kind()).isEqualTo(GuardEvent.Kind.TARGET_SYN);
            h.guard.configure(GuardHarness.config(GuardMode.MONITOR, 10_000, 1_000_000, MAX, 10_000, 1));
            Thread.sleep(5);
            h.events.clear();
            h.run(syn, 150);
            h.expectNoEvent(200);
        }
    }

    @Test
    void invalidConfigIsRefusedWithAReason() throws Exception {
        try (var h = GuardHarness.start(null)) {
            assertThatThrownBy(() -> h.guard.configure(GuardHarness.config(GuardMode.MONITOR, 0, 1, 1, 1, 1)))
                    .isInstanceOf(GuardException.class)
                    .hasMessage("invalid XDP Guard config: window must be 1..10000 ms (got 0)");
            assertThat(h.guard.currentConfig().windowMs()).isZero();
        }
    }
}
