package io.xdpguard.console.model;

/**
 * At most one desktop notification per {@code intervalMs}: an attack on a hundred hosts must not bury the
 * analyst's screen. Notifications held back are counted and reported with the next one that passes. While a
 * flood goes on (some were held back since the last one shown) the gap doubles, up to {@link #MAX_BACKOFF}
 * times the interval: one popup every few seconds for the whole of a long attack says nothing new, and each
 * one's show and hide animation costs frames just when the wall and the alert table are busiest. After a quiet
 * spell (twice the current gap without a notification) the next one goes out at once and the gap starts again
 * from {@code intervalMs}.
 */
public final class NotificationThrottle {
    static final int MAX_BACKOFF = 8;
    private final long intervalMs;
    private long gapMs;
    private long lastShown = Long.MIN_VALUE;
    private int held;

    public NotificationThrottle(long intervalMs) {
        this.intervalMs = intervalMs;
        this.gapMs = intervalMs;
    }

    /** @return -1 to hold this one back, else how many were held back since the last one shown */
    public int offer(long now) {
        if (lastShown != Long.MIN_VALUE && now - lastShown < gapMs) {
            held++;
            return -1;
        }
        boolean flood = held > 0 && now - lastShown < 2 * gapMs;
        gapMs = flood ? Math.min(gapMs * 2, intervalMs * MAX_BACKOFF) : intervalMs;
        lastShown = now;
        int suppressed = held;
        held = 0;
        return suppressed;
    }
}
