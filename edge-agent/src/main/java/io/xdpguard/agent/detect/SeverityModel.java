package io.xdpguard.agent.detect;

import io.xdpguard.protocol.AlertKind;
import io.xdpguard.protocol.Severity;

/**
 * Severity from how far over threshold a rate is and how many SYNs complete a handshake. A flood is
 * many SYNs and few completions; a flash crowd of real clients completes most of its handshakes, so
 * the same rate from it is rated two steps lower.
 */
public final class SeverityModel {
    /** At or above this share of completed handshakes the traffic looks like real clients. */
    public static final double CROWD_COMPLETION = 0.5;
    /** Below this share it looks like a flood. */
    public static final double FLOOD_COMPLETION = 0.1;

    public Severity rate(AlertKind kind, double overThreshold, double completionRatio) {
        Severity base;
        if (overThreshold >= 4) {
            base = Severity.CRITICAL;
        } else if (overThreshold >= 2) {
            base = Severity.HIGH;
        } else {
            base = Severity.MEDIUM;
        }
        if (kind == AlertKind.SYN_SOURCE) {
            return lower(base, 1);
        }
        if (completionRatio >= CROWD_COMPLETION) {
            return Severity.LOW;
        }
        return completionRatio >= FLOOD_COMPLETION ? lower(base, 1) : base;
    }

    private static Severity lower(Severity s, int steps) {
        return Severity.values()[Math.max(0, s.ordinal() - steps)];
    }
}
