package io.xdpguard.console.lab;

import io.xdpguard.protocol.Action;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertKind;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Endpoint;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.HostState;
import io.xdpguard.protocol.Severity;
import io.xdpguard.protocol.SourceRate;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Telemetry;
import io.xdpguard.protocol.Thresholds;
import java.util.List;

/** Valid protocol messages with the knobs tests turn; addresses from 198.18.0.0/15 (benchmarking range). */
public final class Messages {
    private Messages() {
    }

    public static Status status(String site, String host, HostState state, GuardMode mode, long now) {
        return new Status(1, site, host, state, "0.1.0", "6.1.0", "eth0", "native", mode,
                new Thresholds(50, 5_000, 1_000, 10_000), now - 60_000, now);
    }

    public static Telemetry telemetry(String site, String host, long synPerSec, int incidents, long now) {
        return new Telemetry(1, site, host, now, 12_000 + synPerSec, 9_600_000, synPerSec, 3, 40, 7, 1,
                0, synPerSec / 2, 0, incidents, GuardMode.SHADOW);
    }

    public static Alert alert(String site, String host, String id, String incident, Severity severity,
                              AlertState state, String target, String source, long now) {
        return new Alert(1, site, host, id, incident, Math.abs(id.hashCode()), AlertKind.SYN_FLOOD, state, severity,
                new Endpoint(target, 80), source == null ? null : new Endpoint(source, null), 10_200, 11_000, 5_000,
                12, 0.0012, List.of(new SourceRate(source == null ? "198.19.7.9" : source, 10_100),
                new SourceRate("198.19.7.10", 40)), GuardMode.SHADOW, Action.WOULD_DROP, now - 1_000, now - 900,
                now, state == AlertState.END ? now : null, now);
    }

    /** A stored alert as the history keeps it: host s/h, HIGH, START, received at {@code at}. */
    public static io.xdpguard.console.model.AlertEntry storedAlert(String id, long at) {
        return new io.xdpguard.console.model.AlertEntry(alert("s", "h", id, "i", Severity.HIGH, AlertState.START,
                "198.18.0.1", null, at), "b", at, null);
    }
}
