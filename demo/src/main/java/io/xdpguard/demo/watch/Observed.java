package io.xdpguard.demo.watch;

import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Telemetry;

/** What the demo's subscriber saw, with the time it arrived. */
public sealed interface Observed {
    long receivedAtMs();

    record AlertSeen(Alert alert, long receivedAtMs) implements Observed {
        /**
         * For a start: from the kernel seeing the threshold crossed to this subscriber receiving it. For
         * an update or an end: from the agent making the change to this subscriber receiving it.
         */
        public long latencyMs() {
            return receivedAtMs - (alert.state() == io.xdpguard.protocol.AlertState.START ? alert.detectedAt()
                    : alert.updatedAt());
        }
    }

    record TelemetrySeen(Telemetry telemetry, long receivedAtMs) implements Observed {
    }

    record StatusSeen(Status status, long receivedAtMs) implements Observed {
    }
}
