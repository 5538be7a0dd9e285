package io.xdpguard.console.model;

/**
 * When new rows may enter the live alert table. Each insert shifts every visible row, so the whole table is laid
 * out and repainted however few rows arrived: under a burst, rows are gathered and go in every third frame
 * ({@link #INTERVAL_NS}). Rows that are already late when they reach the console (held up on the way, by the
 * broker or a busy machine) do not also wait for the third frame: they go in at the second
 * ({@link #LATE_INTERVAL_NS}). Lateness is measured from the alert's own time stamp, so an agent whose clock is
 * off by more than {@link #SKEW_MS} cannot make the table update faster. Not thread-safe: one FX-thread owner.
 */
public final class InsertCadence {
    /**
     * Every third frame at 60 Hz, about 20 table updates a second. Not 50 ms: frames jitter around 16.7 ms, and a
     * third frame at 49.9 ms then waited for the fourth.
     */
    private static final long INTERVAL_NS = 45_000_000L;
    /** Every second frame. */
    private static final long LATE_INTERVAL_NS = 28_000_000L;
    /** An alert this long after its publish time is late. */
    private static final long LATE_MS = 50;
    /** Beyond this, the age says more about the agent's clock than about the way here. */
    private static final long SKEW_MS = 2_000;

    private long lastInsertNs;
    private long oldestWaitingTs = Long.MAX_VALUE;

    public InsertCadence(long nowNs) {
        this.lastInsertNs = nowNs - INTERVAL_NS;
    }

    /** A new live alert is waiting; {@code ts} is its publish time (epoch ms). */
    public void waiting(long ts) {
        oldestWaitingTs = Math.min(oldestWaitingTs, ts);
    }

    /** Whether waiting rows go in now; if so, the insert is counted as done. */
    public boolean due(long nowNs, long wallMs) {
        long since = nowNs - lastInsertNs;
        long age = wallMs - oldestWaitingTs;
        boolean late = oldestWaitingTs != Long.MAX_VALUE && age >= LATE_MS && age <= SKEW_MS;
        if (since >= INTERVAL_NS || since >= LATE_INTERVAL_NS && late) {
            lastInsertNs = nowNs;
            oldestWaitingTs = Long.MAX_VALUE;
            return true;
        }
        return false;
    }
}
