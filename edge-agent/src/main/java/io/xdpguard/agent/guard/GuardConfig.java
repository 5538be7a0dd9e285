package io.xdpguard.agent.guard;

/**
 * The kernel program's config map (struct xg_config). {@link XdpGuard#configure} checks the ranges.
 *
 * @param mode            monitor, shadow or enforce
 * @param windowMs        sliding window length, 1..10000 ms
 * @param targetSynPerSec SYN/s to one dst address:port that raises a TARGET_SYN event, 1..2^32-1
 * @param sourceSynPerSec SYN/s from one source that raises a SOURCE_SYN event (and blocks it in
 *                        shadow/enforce), 1..2^32-1
 * @param blockMs         how long a source stays blocked, >= 1
 * @param eventIntervalMs minimum gap between two events for the same target or source, >= 1
 */
public record GuardConfig(GuardMode mode, int windowMs, long targetSynPerSec, long sourceSynPerSec, int blockMs,
        int eventIntervalMs) {

    public static final int MAX_WINDOW_MS = 10_000;
    public static final long MAX_THRESHOLD = 0xffff_ffffL;

    /** What the kernel program uses before anything is written: monitor, 50 ms, 5000/1000 SYN/s, 10 s, 1 s. */
    public static GuardConfig defaults() {
        return new GuardConfig(GuardMode.MONITOR, 50, 5000, 1000, 10_000, 1000);
    }

    public GuardConfig withMode(GuardMode newMode) {
        return new GuardConfig(newMode, windowMs, targetSynPerSec, sourceSynPerSec, blockMs, eventIntervalMs);
    }

    /** A one-line reason this config cannot be written, or null when it is valid. */
    public String problem() {
        if (mode == null) {
            return "guard mode is missing";
        }
        if (windowMs < 1 || windowMs > MAX_WINDOW_MS) {
            return "window must be 1.." + MAX_WINDOW_MS + " ms (got " + windowMs + ")";
        }
        if (targetSynPerSec < 1 || targetSynPerSec > MAX_THRESHOLD) {
            return "target SYN threshold must be 1.." + MAX_THRESHOLD + " per second (got " + targetSynPerSec + ")";
        }
        if (sourceSynPerSec < 1 || sourceSynPerSec > MAX_THRESHOLD) {
            return "source SYN threshold must be 1.." + MAX_THRESHOLD + " per second (got " + sourceSynPerSec + ")";
        }
        if (blockMs < 1) {
            return "block time must be at least 1 ms (got " + blockMs + ")";
        }
        if (eventIntervalMs < 1) {
            return "event interval must be at least 1 ms (got " + eventIntervalMs + ")";
        }
        return null;
    }
}
