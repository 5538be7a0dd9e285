package io.xdpguard.agent.guard;

/**
 * The kernel program's counters (struct xg_stats) summed over CPUs, since load. Monotonic, except
 * that a CPU going offline may take its share with it.
 */
public record GuardStats(long packets, long bytes, long ipv4, long ipv6, long tcp, long syn, long synAck, long ack,
        long udp, long icmp, long other, long parseErrors, long fragments, long dropped, long wouldDrop, long events,
        long eventsLost) {

    static final int FIELDS = 17;

    public static GuardStats zero() {
        return new GuardStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    static GuardStats of(long[] v) {
        return new GuardStats(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13],
                v[14], v[15], v[16]);
    }

    /** Field-wise difference {@code this - earlier}, e.g. for per-second rates. */
    public GuardStats minus(GuardStats e) {
        return new GuardStats(packets - e.packets, bytes - e.bytes, ipv4 - e.ipv4, ipv6 - e.ipv6, tcp - e.tcp,
                syn - e.syn, synAck - e.synAck, ack - e.ack, udp - e.udp, icmp - e.icmp, other - e.other,
                parseErrors - e.parseErrors, fragments - e.fragments, dropped - e.dropped, wouldDrop - e.wouldDrop,
                events - e.events, eventsLost - e.eventsLost);
    }
}
