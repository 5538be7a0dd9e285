package io.xdpguard.agent.telemetry;

import io.xdpguard.agent.guard.GuardStats;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Message;
import io.xdpguard.protocol.Telemetry;

/**
 * Turns successive readings of the kernel's cumulative counters into per-second rates. The first reading
 * only sets the baseline. Confined to the telemetry thread.
 */
public final class TelemetrySampler {
    private final String site;
    private final String host;
    private GuardStats previous;
    private long previousNanos;

    public TelemetrySampler(String site, String host) {
        this.site = site;
        this.host = host;
    }

    /** @return the rates since the previous sample, or null for the first sample */
    public Telemetry sample(GuardStats now, long nanos, long wallMs, int activeIncidents, GuardMode mode) {
        GuardStats before = previous;
        long beforeNanos = previousNanos;
        previous = now;
        previousNanos = nanos;
        if (before == null || nanos <= beforeNanos) {
            return null;
        }
        double seconds = (nanos - beforeNanos) / 1e9;
        return new Telemetry(Message.SCHEMA, site, host, wallMs,
                rate(now.packets(), before.packets(), seconds),
                rate(now.bytes(), before.bytes(), seconds) * 8,
                rate(now.syn(), before.syn(), seconds),
                rate(now.synAck(), before.synAck(), seconds),
                rate(now.ack(), before.ack(), seconds),
                rate(now.udp(), before.udp(), seconds),
                rate(now.icmp(), before.icmp(), seconds),
                rate(now.dropped(), before.dropped(), seconds),
                rate(now.wouldDrop(), before.wouldDrop(), seconds),
                rate(now.parseErrors(), before.parseErrors(), seconds),
                activeIncidents, mode);
    }

    private static long rate(long now, long before, double seconds) {
        // Counters only grow; a smaller reading means the program was reloaded, so start over from zero.
        long delta = now >= before ? now - before : now;
        return Math.round(delta / seconds);
    }
}
