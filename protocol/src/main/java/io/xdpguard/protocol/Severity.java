package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How bad an incident is; ordered from least to most severe. On the wire in lower case. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static Severity ofWire(String text) {
        return WireNames.parse(Severity.class, text);
    }
}
