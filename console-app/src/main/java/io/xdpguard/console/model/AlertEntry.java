package io.xdpguard.console.model;

import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.SourceRate;
import java.util.Locale;
import java.util.stream.Collectors;

/** One alert as the console holds it: the wire record, where and when it arrived, and whether it was acknowledged. */
public record AlertEntry(Alert alert, String broker, long receivedAt, Long acknowledgedAt) {

    public AlertKey key() {
        return new AlertKey(alert.site(), alert.host(), alert.id());
    }

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    public AlertEntry acknowledge(long at) {
        return acknowledged() ? this : new AlertEntry(alert, broker, receivedAt, at);
    }

    public String topSourcesText() {
        return alert.topSources().stream().map(s -> s.address() + " (" + s.synPerSec() + "/s)")
                .collect(Collectors.joining(", "));
    }

    public String modeAction() {
        return alert.mode().wire() + "/" + alert.action().wire();
    }

    /** Free-text search: case-insensitive over every column an analyst reads. */
    public boolean matches(String needle) {
        if (needle == null || needle.isBlank()) {
            return true;
        }
        String n = needle.strip().toLowerCase(Locale.ROOT);
        Alert a = alert;
        if (contains(a.site(), n) || contains(a.host(), n) || contains(a.id(), n) || contains(a.incident(), n)
                || contains(a.severity().wire(), n) || contains(a.kind().wire(), n) || contains(a.state().wire(), n)
                || contains(a.target().toString(), n) || contains(modeAction(), n)
                || (a.source() != null && contains(a.source().toString(), n))) {
            return true;
        }
        for (SourceRate s : a.topSources()) {
            if (contains(s.address(), n)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String hay, String needle) {
        return hay != null && hay.toLowerCase(Locale.ROOT).contains(needle);
    }
}
