package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What crossed a threshold: SYN rate to one target, or SYN rate from one source. On the wire in lower case. */
public enum AlertKind {
    SYN_FLOOD, SYN_SOURCE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AlertKind ofWire(String text) {
        if (text == null) {
            throw new IllegalArgumentException("AlertKind is required");
        }
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown AlertKind '" + text + "'", e);
        }
    }
}
