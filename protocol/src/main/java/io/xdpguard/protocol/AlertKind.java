package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What crossed a threshold: SYN rate to one target, or SYN rate from one source. On the wire in lower case. */
public enum AlertKind {
    SYN_FLOOD, SYN_SOURCE;

    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static AlertKind ofWire(String text) {
        return WireNames.parse(AlertKind.class, text);
    }
}
