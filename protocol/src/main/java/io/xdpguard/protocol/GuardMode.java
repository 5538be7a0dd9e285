package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the kernel program treats what crosses a threshold: count, count what it would drop, or drop. On the wire in lower case. */
public enum GuardMode {
    MONITOR, SHADOW, ENFORCE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static GuardMode ofWire(String text) {
        if (text == null) {
            throw new IllegalArgumentException("GuardMode is required");
        }
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown GuardMode '" + text + "'", e);
        }
    }
}
