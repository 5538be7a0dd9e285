package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the kernel did with the offending SYNs. On the wire in lower case. */
public enum Action {
    OBSERVED, WOULD_DROP, DROPPED;

    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static Action ofWire(String text) {
        return WireNames.parse(Action.class, text);
    }
}
