package io.xdpguard.console.model;

/**
 * At most one desktop notification per {@code intervalMs}: an attack on a hundred hosts must not bury the
 * analyst's screen. Notifications held back are counted and reported with the next one that passes.
 */
public final class NotificationThrottle {
    private final long intervalMs;
    private long lastShown = Long.MIN_VALUE;
    private int held;

    public NotificationThrottle(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    /** @return -1 to hold this one back, else how many were held back since the last one shown */
    public int offer(long now) {
        if (lastShown != Long.MIN_VALUE && now - lastShown < intervalMs) {
            held++;
            return -1;
        }
        lastShown = now;
        int suppressed = held;
        held = 0;
        return suppressed;
    }
}
