package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where an incident is in its life. On the wire in lower case. */
public enum AlertState {
    START, UPDATE, END;

    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static AlertState ofWire(String text) {
        return WireNames.parse(AlertState.class, text);
    }
}
