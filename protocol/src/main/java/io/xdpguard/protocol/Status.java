package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Retained per host. An agent publishes ONLINE at start and on every change; its last will is the same
 * record with OFFLINE, so a console learns of a crash from the broker.
 */
public record Status(int schema, String site, String host, HostState state, String agentVersion, String kernel,
                     String iface, String attachMode, GuardMode mode, Thresholds thresholds, long startedAt, long ts)
        implements Message, HostMessage {
    public Status {
        Checks.schema(schema);
        Names.require("site", site);
        Names.require("host", host);
        Checks.present("state", state);
        Checks.present("mode", mode);
        Checks.present("thresholds", thresholds);
        Checks.nonNegative("startedAt", startedAt);
        Checks.nonNegative("ts", ts);
    }

    @Override
    @JsonIgnore
    public MessageKind messageKind() {
        return MessageKind.STATUS;
    }

    public Status withState(HostState newState, long now) {
        return new Status(schema, site, host, newState, agentVersion, kernel, iface, attachMode, mode, thresholds,
                startedAt, now);
    }
}
