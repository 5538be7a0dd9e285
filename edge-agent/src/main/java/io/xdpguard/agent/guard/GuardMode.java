package io.xdpguard.agent.guard;

/** What the kernel program does about a source over its SYN threshold (xg_mode in xdp_guard.h). */
public enum GuardMode {
    /** Count and report only; no block state. */
    MONITOR,
    /** Block on paper: count would-drop, pass everything. */
    SHADOW,
    /** Drop SYNs from blocked sources. */
    ENFORCE;

    /** The value stored in the config map and in events. */
    public int code() {
        return ordinal();
    }

    static GuardMode fromCode(int code) {
        GuardMode[] all = values();
        return code >= 0 && code < all.length ? all[code] : MONITOR;
    }
}
