package io.xdpguard.console.model;

import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;

/**
 * What the status wall and host view show for one agent. {@code worst} is the highest severity among the
 * host's active incidents, null when it has none. Rates are from the last telemetry; {@code lastSeen} is
 * console time (epoch ms) of the last message from the host, or the status time for a retained status.
 */
public record HostSnapshot(HostKey key, String broker, Liveness liveness, GuardMode mode, long synPerSec,
                           long synThreshold, long pps, long droppedPerSec, long wouldDropPerSec,
                           int activeIncidents, Severity worst, long lastSeen, String agentVersion,
                           String kernel, String iface, String attachMode, long startedAt) {

    /** Ordering for the wall: the most urgent first, so an analyst never scrolls to find an attack. */
    public int urgency() {
        if (worst != null) {
            return 10 + worst.ordinal();
        }
        return switch (liveness) {
            case OFFLINE -> 3;
            case SILENT -> 2;
            case ONLINE -> synThreshold > 0 && synPerSec >= synThreshold ? 5 : 0;
        };
    }

    public double synLoad() {
        return synThreshold <= 0 ? 0 : (double) synPerSec / synThreshold;
    }
}
