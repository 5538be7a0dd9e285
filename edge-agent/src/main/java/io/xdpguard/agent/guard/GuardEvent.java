package io.xdpguard.agent.guard;

import java.net.InetAddress;

/**
 * One threshold crossing reported by the kernel (struct xg_event). Counts are sliding-window
 * estimates over {@code windowMs}; {@code threshold} is the per-second threshold that was crossed.
 *
 * @param kernelTimeNs   bpf_ktime_get_ns() (CLOCK_MONOTONIC) when the event was raised
 * @param timeMs         the same instant as epoch milliseconds (UTC)
 * @param source         for SOURCE_SYN the flooding source; for TARGET_SYN the heaviest source
 *                       seen this window (or the one that sent the crossing SYN)
 * @param sourceSynCount that source's SYN estimate for the window
 * @param action         what happened to the packet that raised the event
 */
public record GuardEvent(Kind kind, long kernelTimeNs, long timeMs, GuardMode mode, InetAddress target, int targetPort,
        InetAddress source, long targetSynCount, long targetAckCount, long sourceSynCount, int windowMs,
        long threshold, Action action) {

    public enum Kind {
        /** SYN rate to one dst address:port over the target threshold. */
        TARGET_SYN,
        /** SYN rate from one source over the source threshold. */
        SOURCE_SYN
    }

    public enum Action {
        OBSERVED,
        WOULD_DROP,
        DROPPED
    }
}
