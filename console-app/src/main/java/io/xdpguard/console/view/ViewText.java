package io.xdpguard.console.view;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How numbers and times read on screen: compact rates, local clock times, "5 s ago". */
final class ViewText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private ViewText() {
    }

    static String rate(long perSec) {
        if (perSec < 10_000) {
            return Long.toString(perSec);
        }
        if (perSec < 10_000_000) {
            return String.format(Locale.ROOT, "%.1fk", perSec / 1_000.0);
        }
        return String.format(Locale.ROOT, "%.1fM", perSec / 1_000_000.0);
    }

    /**
     * At most three items, then how many more: a multi-host incident can touch hundreds of hosts and targets, and
     * a notification listing all of them was wider than the screen (and slow to draw).
     */
    static String firstFew(List<String> items) {
        return items.stream().limit(3).collect(Collectors.joining(", "))
                + (items.size() > 3 ? " and " + (items.size() - 3) + " more" : "");
    }

    /** "1 host", "2 hosts": counts an analyst reads in a sentence. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String time(long epochMs) {
        return epochMs <= 0 ? "—" : TIME.format(Instant.ofEpochMilli(epochMs));
    }

    static String clock(long epochMs) {
        return CLOCK.format(Instant.ofEpochMilli(epochMs));
    }

    static String ago(long epochMs, long now) {
        if (epochMs <= 0) {
            return "never";
        }
        long s = Math.max(0, (now - epochMs) / 1000);
        if (s < 90) {
            return s + " s ago";
        }
        if (s < 5400) {
            return s / 60 + " min ago";
        }
        if (s < 172_800) {
            return s / 3600 + " h ago";
        }
        return s / 86_400 + " d ago";
    }
}
