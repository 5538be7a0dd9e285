package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Once a second per host: rates over the last second, from the kernel's per-CPU counters. */
public record Telemetry(int schema, String site, String host, long ts, long pps, long bps, long synPerSec,
                        long synAckPerSec, long ackPerSec, long udpPerSec, long icmpPerSec, long droppedPerSec,
                        long wouldDropPerSec, long parseErrorsPerSec, int activeIncidents, GuardMode mode)
        implements Message, HostMessage {
    public Telemetry {
        Checks.schema(schema);
        Names.require("site", site);
        Names.require("host", host);
        Checks.nonNegative("ts", ts);
        for (long rate : new long[] {pps, bps, synPerSec, synAckPerSec, ackPerSec, udpPerSec, icmpPerSec,
                droppedPerSec, wouldDropPerSec, parseErrorsPerSec, activeIncidents}) {
            Checks.nonNegative("rate", rate);
        }
        Checks.present("mode", mode);
    }

    @Override
    @JsonIgnore
    public MessageKind messageKind() {
        return MessageKind.TELEMETRY;
    }
}
