package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether the agent is running; OFFLINE is also its last will. On the wire in lower case. */
public enum HostState {
    ONLINE, OFFLINE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static HostState ofWire(String text) {
        if (text == null) {
            throw new IllegalArgumentException("HostState is required");
        }
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown HostState '" + text + "'", e);
        }
    }
}
