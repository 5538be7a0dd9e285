package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an incident is in its life. On the wire in lower case. */
public enum AlertState {
    START, UPDATE, END;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AlertState ofWire(String text) {
        if (text == null) {
            throw new IllegalArgumentException("AlertState is required");
        }
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown AlertState '" + text + "'", e);
        }
    }
}
