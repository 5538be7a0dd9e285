package io.xdpguard.protocol;

/** The detection settings an agent runs with; rates are per second, the window in milliseconds. */
public record Thresholds(int windowMs, long targetSynPerSec, long sourceSynPerSec, int blockMs) {
    public Thresholds {
        if (windowMs < 1 || windowMs > 60_000) {
            throw new IllegalArgumentException("windowMs must be 1 to 60000: " + windowMs);
        }
        if (targetSynPerSec < 1 || sourceSynPerSec < 1) {
            throw new IllegalArgumentException("SYN thresholds must be at least 1 per second");
        }
        Checks.nonNegative("blockMs", blockMs);
    }
}
