package io.xdpguard.console.model;

import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Thresholds;
import java.util.Objects;

/**
 * What the status wall and host view show for one agent. {@code worst} is the highest severity among the
 * host's active incidents, null when it has none. Rates are from the last telemetry; {@code lastSeen} is
 * console time (epoch ms) of the last message from the host, or the status time for a retained status.
 * {@code thresholds} are the agent's from its status (or its latest command reply), null before any status.
 */
public record HostSnapshot(HostKey key, String broker, Liveness liveness, GuardMode mode, long synPerSec,
                           long synThreshold, long pps, long droppedPerSec, long wouldDropPerSec,
                           int activeIncidents, Severity worst, long lastSeen, String agentVersion,
                           String kernel, String iface, String attachMode, long startedAt, Thresholds thresholds) {

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

    /** Whether this already shows the mode and thresholds of {@code s} (an agent's status after a command). */
    public boolean shows(Status s) {
        return mode == s.mode() && Objects.equals(thresholds, s.thresholds());
    }

    /** This host as it runs after a command the agent confirmed with {@code s}: its mode and thresholds. */
    public HostSnapshot withModeAndThresholdsOf(Status s) {
        return new HostSnapshot(key, broker, liveness, s.mode(), synPerSec, s.thresholds().targetSynPerSec(), pps,
                droppedPerSec, wouldDropPerSec, activeIncidents, worst, lastSeen, agentVersion, kernel, iface,
                attachMode, startedAt, s.thresholds());
    }
}
