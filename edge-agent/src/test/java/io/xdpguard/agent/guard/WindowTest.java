package io.xdpguard.agent.guard;

import static io.xdpguard.agent.bpf.Packets.ACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.xdpguard.agent.bpf.Packets;
import io.xdpguard.agent.bpf.RequiresRoot;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sliding windows, thresholds and event rate limiting. Test runs use the real clock, so the windows
 * here are long (10 s: a limit of 10 SYN/s is 100 SYNs per window) and a burst falls in one window.
 */
@ExtendWith(RequiresRoot.class)
class WindowTest {
    private static final long MAX = GuardHarness.MAX;
    private static final String A = "198.18.1.10";
    private static final String B = "198.18.1.11";
    private static final String T = "198.18.0.1";

    @Test
    void targetCrossingRaisesExactlyOneEventWithCounts() throws Exception {
        try (var h = GuardHarness.start(GuardHarness.config(GuardMode.MONITOR, 10_000, 10, MAX, 10_000, 60_000))) {
            byte[] syn = Packets.syn(A, T, 80).build();
            h.run(syn, 50);
            h.expectNoEvent(100);
            // The target is watched from a quarter of its threshold on: these completions count.
            h.run(Packets.tcp(A, T, 80, ACK).build(), 10);
            h.run(Packets.tcp(A, T, 8080, ACK).build(), 5); // another port: not this target
            long before = System.nanoTime();
            h.run(syn, 60);
            GuardEvent e = h.nextEvent();
            assertThat(e.kind()).isEqualTo(GuardEvent.Kind.TARGET_SYN);
            assertThat(e.mode()).isEqualTo(GuardMode.MONITOR);
            assertThat(e.action()).isEqualTo(GuardEvent.Action.OBSERVED);
            assertThat(e.target()).isEqualTo(InetAddress.getByName(T));
            assertThat(e.targetPort()).isEqualTo(80);
            assertThat(e.source()).isEqualTo(InetAddress.getByName(A));
            assertThat(e.targetSynCount()).isBetween(98L, 101L); // the crossing SYN is the 100th
            assertThat(e.targetAckCount()).isBetween(9L, 10L);
            assertThat(e.sourceSynCount()).isBetween(98L, 101L);
            assertThat(e.threshold()).isEqualTo(10);
            assertThat(e.windowMs()).isEqualTo(10_000);
            assertThat(e.kernelTimeNs()).isBetween(before, System.nanoTime());
            assertThat(e.timeMs()).isCloseTo(System.currentTimeMillis(), within(2_000L));

            h.run(syn, 500); // still over threshold: no second event within the interval
            h.expectNoEvent(200);
            GuardStats s = h.stats();
            assertThat(s.events()).isEqualTo(1);
            assertThat(s.eventsLost()).isZero();
            assertThat(s.syn()).isEqualTo(610);
            assertThat(s.ack()).isEqualTo(15);
        }
    }

    @Test
    void sourceCrossingRaisesOneEventPerSource() throws Exception {
        try (var h = GuardHarness.start(GuardHarness.config(GuardMode.MONITOR, 10_000, MAX, 10, 10_000, 60_000))) {
            h.run(Packets.syn(A, T, 80).build(), 90);
            h.run(Packets.syn(A, T, 443).build(), 9); // per source, whatever the target
            h.expectNoEvent(100);
            // The 100th SYN crosses; two spare ones cover a window boundary during the pause above.
            h.run(Packets.syn(A, T, 22).build(), 3);
            GuardEvent e = h.nextEvent();
            assertThat(e.kind()).isEqualTo(GuardEvent.Kind.SOURCE_SYN);
            assertThat(e.source()).isEqualTo(InetAddress.getByName(A));
            assertThat(e.targetPort()).isEqualTo(22);
            assertThat(e.sourceSynCount()).isBetween(99L, 101L);
            assertThat(e.threshold()).isEqualTo(10);
            assertThat(e.action()).isEqualTo(GuardEvent.Action.OBSERVED);

            h.run(Packets.syn(A, T, 80).build(), 300);
            h.expectNoEvent(100);
            h.run(Packets.syn(B, T, 80).build(), 120);
            GuardEvent b = h.nextEvent();
            assertThat(b.source()).isEqualTo(InetAddress.getByName(B));
            h.expectNoEvent(100);
        }
    }

    @Test
    void oneEventPerIntervalWhileTheFloodLasts() throws Exception {
        try (var h = GuardHarness.start(GuardHarness.config(GuardMode.MONITOR, 1_000, 100, MAX, 10_000, 200))) {
            byte[] syn = Packets.syn(A, T, 80).build();
            long end = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < end) {
                h.run(syn, 200); // about 20 000 SYN/s here, far over 100/s
                Thread.sleep(10);
            }
            List<GuardEvent> events = h.drain(100);
            // One at the crossing, then one per 200 ms: 5 or 6 in a second, never one per packet.
            assertThat(events).hasSizeBetween(4, 7);
            assertThat(events).allMatch(e -> e.kind() == GuardEvent.Kind.TARGET_SYN);
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).kernelTimeNs() - events.get(i - 1).kernelTimeNs())
                        .isGreaterThanOrEqualTo(195_000_000L);
            }
        }
    }

    @Test
    void ipv6TargetsAndSourcesAreReportedAsIpv6() throws Exception {
        try (var h = GuardHarness.start(GuardHarness.config(GuardMode.MONITOR, 10_000, 10, MAX, 10_000, 60_000))) {
            h.run(Packets.syn("2001:db8::a", "2001:db8::1", 443).build(), 100);
            GuardEvent e = h.nextEvent();
            assertThat(e.target()).isInstanceOf(Inet6Address.class).isEqualTo(InetAddress.getByName("2001:db8::1"));
            assertThat(e.source()).isEqualTo(InetAddress.getByName("2001:db8::a"));
            assertThat(e.targetPort()).isEqualTo(443);
        }
    }

    @Test
    void spreadOutSourcesStillTriggerTheTarget() throws Exception {
        try (var h = GuardHarness.start(GuardHarness.config(GuardMode.ENFORCE, 10_000, 10, 10, 10_000, 60_000))) {
            for (int i = 0; i < 120; i++) {
                TestRun r = h.once(Packets.syn("198.19." + (i / 200) + "." + (i % 200 + 1), T, 80).build());
                assertThat(r.passed()).as("no single source is over its threshold").isTrue();
            }
            GuardEvent e = h.nextEvent();
            assertThat(e.kind()).isEqualTo(GuardEvent.Kind.TARGET_SYN);
            assertThat(e.action()).isEqualTo(GuardEvent.Action.OBSERVED);
            h.expectNoEvent(100);
            assertThat(h.stats().dropped()).isZero();
        }
    }

    @Test
    void unconfiguredProgramUsesSafeDefaults() throws Exception {
        try (var h = GuardHarness.start(null)) {
            assertThat(h.guard.currentConfig().windowMs()).as("config map untouched").isZero();
            // Defaults: 50 ms window, 5000/s per target (250 per window), 1000/s per source (50).
            TestRun r = h.run(Packets.syn(A, T, 80).build(), 400);
            assertThat(r.passed()).as("monitor by default").isTrue();
            List<GuardEvent> events = h.drain(300);
            assertThat(events).extracting(GuardEvent::kind)
                    .containsExactlyInAnyOrder(GuardEvent.Kind.TARGET_SYN, GuardEvent.Kind.SOURCE_SYN);
            GuardEvent t = events.stream().filter(e -> e.kind() == GuardEvent.Kind.TARGET_SYN).findFirst().orElseThrow();
            assertThat(t.threshold()).isEqualTo(5000);
            assertThat(t.windowMs()).isEqualTo(50);
            assertThat(t.mode()).isEqualTo(GuardMode.MONITOR);
        }
    }
}
