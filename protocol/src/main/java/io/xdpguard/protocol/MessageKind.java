package io.xdpguard.protocol;

import java.util.Optional;

/** The last topic level under {@code xdpguard/v1/{site}/{host}/}. */
public enum MessageKind {
    STATUS("status"), TELEMETRY("telemetry"), ALERT("alert"), CMD("cmd");

    private final String level;

    MessageKind(String level) {
        this.level = level;
    }

    public String level() {
        return level;
    }

    public static Optional<MessageKind> ofLevel(String level) {
        for (MessageKind k : values()) {
            if (k.level.equals(level)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
