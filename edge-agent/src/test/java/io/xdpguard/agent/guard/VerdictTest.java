package io.xdpguard.agent.guard;

import static io.xdpguard.agent.bpf.Packets.ACK;
import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.agent.bpf.Packets;
import io.xdpguard.agent.bpf.RequiresRoot;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Monitor never drops; shadow counts what enforce drops; only SYNs from blocked sources are dropped. */
@ExtendWith(RequiresRoot.class)
class VerdictTest {
    private static final long MAX = GuardHarness.MAX;
    private static final String A = "198.18.2.10";
    private static final String B = "198.18.2.11";
    private static final String T = "198.18.0.1";

    /** Source limit: 10 SYN/s over a 10 s window, i.e. the 100th SYN of a burst crosses. */
    private static GuardConfig config(GuardMode mode, int blockMs) {
        return GuardHarness.config(mode, 10_000, MAX, 10, blockMs, 60_000);
    }

    @Test
    void monitorNeverDropsAndKeepsNoBlockState() throws Exception {
        try (var h = GuardHarness.start(config(GuardMode.MONITOR, 10_000))) {
            byte[] syn = Packets.syn(A, T, 80).build();
            for (int i = 0; i < 300; i++) {
                assertThat(h.once(syn).passed()).isTrue();
            }
            GuardEvent e = h.nextEvent();
            assertThat(e.kind()).isEqualTo(GuardEvent.Kind.SOURCE_SYN);
            assertThat(e.action()).isEqualTo(GuardEvent.Action.OBSERVED);
            GuardStats s = h.stats();
            assertThat(s.dropped()).isZero();
            assertThat(s.wouldDrop()).isZero();
            assertThat(h.guard.blockedSources()).isEmpty();
        }
    }

    @Test
    void shadowCountsWouldDropAndPasses() throws Exception {
        try (var h = GuardHarness.start(config(GuardMode.SHADOW, 10_000))) {
            byte[] syn = Packets.syn(A, T, 80).build();
            for (int i = 0; i < 300; i++) {
                assertThat(h.once(syn).passed()).isTrue();
            }
            assertThat(h.once(Packets.tcp(A, T, 80, ACK).build()).passed()).isTrue();
            assertThat(h.once(Packets.udp(A, T, 53).build()).passed()).isTrue();
            GuardEvent e = h.nextEvent();
            assertThat(e.kind()).isEqualTo(GuardEvent.Kind.SOURCE_SYN);
            assertThat(e.mode()).isEqualTo(GuardMode.SHADOW);
            assertThat(e.action()).isEqualTo(GuardEvent.Action.WOULD_DROP);
            GuardStats s = h.stats();
            assertThat(s.dropped()).isZero();
            assertThat(s.wouldDrop()).as("SYNs 100..300").isBetween(195L, 201L);
            assertThat(h.guard.blockedSources()).containsOnlyKeys(InetAddress.getByName(A));
        }
    }

    @Test
    void enforceDropsOnlySynsFromTheFloodingSource() throws Exception {
        try (var h = GuardHarness.start(config(GuardMode.ENFORCE, 10_000))) {
            byte[] syn = Packets.syn(A, T, 80).build();
            int passed = 0;
            while (h.once(syn).passed()) {
                passed++;
                assertThat(passed).as("the source is blocked at its threshold").isLessThan(110);
            }
            assertThat(passed).isBetween(95, 101); // the 100th crosses (a window boundary may add one)
            for (int i = 0; i < 50; i++) {
                assertThat(h.once(syn).dropped()).isTrue();
            }
            // Established traffic from the blocked source survives; other sources are untouched.
            assertThat(h.once(Packets.tcp(A, T, 80, ACK).build()).passed()).isTrue();
            assertThat(h.once(Packets.tcp(A, T, 80, ACK | Packets.PSH).payload(200).build()).passed()).isTrue();
            assertThat(h.once(Packets.udp(A, T, 53).build()).passed()).isTrue();
            assertThat(h.once(Packets.icmp(A, T).build()).passed()).isTrue();
            for (int i = 0; i < 50; i++) {
                assertThat(h.once(Packets.syn(B, T, 80).build()).passed()).isTrue();
            }
            GuardEvent e = h.nextEvent();
            assertThat(e.kind()).isEqualTo(GuardEvent.Kind.SOURCE_SYN);
            assertThat(e.source()).isEqualTo(InetAddress.getByName(A));
            assertThat(e.action()).isEqualTo(GuardEvent.Action.DROPPED);
            assertThat(e.mode()).isEqualTo(GuardMode.ENFORCE);
            GuardStats s = h.stats();
            assertThat(s.dropped()).isEqualTo(51);
            assertThat(s.wouldDrop()).isZero();
        }
    }

    @Test
    void enforceBlockExpiresWhenTheSourceCalmsDown() throws Exception {
        // 100 ms window, 1000 SYN/s: 100 SYNs in a burst cross; block for 300 ms.
        try (var h = GuardHarness.start(GuardHarness.config(GuardMode.ENFORCE, 100, MAX, 1000, 300, 60_000))) {
            byte[] syn = Packets.syn(A, T, 80).build();
            assertThat(h.run(syn, 150).dropped()).isTrue();
            assertThat(h.once(syn).dropped()).isTrue();
            Thread.sleep(500); // > block time and > two windows: the estimate is back to zero
            assertThat(h.once(syn).passed()).isTrue();
            assertThat(h.guard.blockedSources()).isEmpty();
        }
    }

    @Test
    void ipv6SourcesAreBlockedToo() throws Exception {
        try (var h = GuardHarness.start(config(GuardMode.ENFORCE, 10_000))) {
            byte[] syn = Packets.syn("2001:db8::66", "2001:db8::1", 443).build();
            assertThat(h.run(syn, 200).dropped()).isTrue();
            assertThat(h.once(Packets.syn("2001:db8::67", "2001:db8::1", 443).build()).passed()).isTrue();
            assertThat(h.guard.blockedSources()).containsOnlyKeys(InetAddress.getByName("2001:db8::66"));
        }
    }
}
