package io.xdpguard.console.model;

import io.xdpguard.protocol.Rejection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts of what was received and what was dropped and why. Written by every broker's receive thread, read
 * by the diagnostics view once a second: counters are atomic and the recent-rejects list is tiny and locked.
 */
public final class Diagnostics {
    public static final int RECENT_REJECTS = 50;

    /** A dropped message, kept so an analyst can see what a broken agent sends; payload already cut short. */
    public record Reject(long at, String broker, String topic, Rejection reason, String detail) {
    }

    public record Snapshot(long accepted, long overloaded, Map<Rejection, Long> rejected, List<Reject> recent) {
        public long rejectedTotal() {
            return rejected.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong overloaded = new AtomicLong();
    private final AtomicLongArray rejected = new AtomicLongArray(Rejection.values().length);
    private final ArrayDeque<Reject> recent = new ArrayDeque<>();

    public void accepted() {
        accepted.incrementAndGet();
    }

    /** A valid message the console had no room for (ingest queue full): counted so overload is never silent. */
    public void overloaded() {
        overloaded.incrementAndGet();
    }

    public void rejected(Reject reject) {
        rejected.incrementAndGet(reject.reason().ordinal());
        synchronized (recent) {
            if (recent.size() == RECENT_REJECTS) {
                recent.removeFirst();
            }
            recent.addLast(reject);
        }
    }

    public Snapshot snapshot() {
        Map<Rejection, Long> counts = new EnumMap<>(Rejection.class);
        for (Rejection r : Rejection.values()) {
            counts.put(r, rejected.get(r.ordinal()));
        }
        List<Reject> last;
        synchronized (recent) {
            last = new ArrayList<>(recent);
        }
        return new Snapshot(accepted.get(), overloaded.get(), counts, List.copyOf(last.reversed()));
    }
}
