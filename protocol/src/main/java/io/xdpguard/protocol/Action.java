package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the kernel did with the offending SYNs. On the wire in lower case. */
public enum Action {
    OBSERVED, WOULD_DROP, DROPPED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Action ofWire(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Action is required");
        }
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown Action '" + text + "'", e);
        }
    }
}
