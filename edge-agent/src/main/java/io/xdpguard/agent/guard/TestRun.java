package io.xdpguard.agent.guard;

/**
 * One BPF_PROG_TEST_RUN of xdp_guard.
 *
 * @param action     the XDP verdict: {@link #XDP_DROP} or {@link #XDP_PASS}
 * @param durationNs average ns per run as the kernel reports it
 */
public record TestRun(int action, long durationNs) {
    public static final int XDP_ABORTED = 0;
    public static final int XDP_DROP = 1;
    public static final int XDP_PASS = 2;

    public boolean passed() {
        return action == XDP_PASS;
    }

    public boolean dropped() {
        return action == XDP_DROP;
    }
}
