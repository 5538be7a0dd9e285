package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the kernel program treats what crosses a threshold: count, count what it would drop, or drop. On the wire in lower case. */
public enum GuardMode {
    MONITOR, SHADOW, ENFORCE;

    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static GuardMode ofWire(String text) {
        return WireNames.parse(GuardMode.class, text);
    }
}
