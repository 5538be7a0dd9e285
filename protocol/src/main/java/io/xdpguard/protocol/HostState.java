package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether the agent is running; OFFLINE is also its last will. On the wire in lower case. */
public enum HostState {
    ONLINE, OFFLINE;

    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static HostState ofWire(String text) {
        return WireNames.parse(HostState.class, text);
    }
}
