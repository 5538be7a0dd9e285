package io.xdpguard.console.model;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-size histogram of durations in microseconds (1 µs to about 67 s, 2 % resolution) for FX pulse gaps
 * and publish-to-visible times. Lock-free: recorded on the FX thread, read by the benchmark.
 */
public final class LatencyRecorder {
    private static final int SUB_BUCKETS = 32;
    private static final int BUCKETS = 26 * SUB_BUCKETS;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();

    public void recordMicros(long micros) {
        long v = Math.max(1, micros);
        counts.incrementAndGet(bucket(v));
        total.incrementAndGet();
        max.accumulateAndGet(v, Math::max);
    }

    public long count() {
        return total.get();
    }

    public long maxMicros() {
        return max.get();
    }

    /** Upper bound of the bucket holding the given quantile (0..1); 0 when nothing was recorded. */
    public long percentileMicros(double quantile) {
        long n = total.get();
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(upper(i), max.get());
            }
        }
        return max.get();
    }

    public void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            counts.set(i, 0);
        }
        total.set(0);
        max.set(0);
    }

    private static int bucket(long v) {
        int exp = 63 - Long.numberOfLeadingZeros(v);
        if (exp < 5) {
            return (int) v;
        }
        int sub = (int) ((v >>> (exp - 5)) & (SUB_BUCKETS - 1));
        return Math.min(BUCKETS - 1, (exp - 4) * SUB_BUCKETS + sub);
    }

    private static long upper(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int exp = bucket / SUB_BUCKETS + 4;
        int sub = bucket % SUB_BUCKETS;
        return ((long) (SUB_BUCKETS + sub + 1) << (exp - 5)) - 1;
    }
}
