package io.xdpguard.agent.guard;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The structs of bpf/xdp_guard.h, field for field, padding included. Host byte order (the
 * ValueLayout defaults) except addresses, which are 16 raw network-order bytes: IPv4 v4-mapped
 * (::ffff:a.b.c.d) with family 4, IPv6 as is with family 6. LayoutsTest pins sizes and offsets to
 * the numbers in the C header's _Static_asserts.
 */
final class Layouts {
    static final int FAMILY_V4 = 4;
    static final int FAMILY_V6 = 6;

    private static final SequenceLayout ADDR = MemoryLayout.sequenceLayout(16, JAVA_BYTE);

    /** struct xg_config, 32 bytes. */
    static final StructLayout CONFIG = MemoryLayout.structLayout(
            JAVA_INT.withName("mode"),
            JAVA_INT.withName("window_ms"),
            JAVA_LONG.withName("target_syn_per_sec"),
            JAVA_LONG.withName("source_syn_per_sec"),
            JAVA_INT.withName("block_ms"),
            JAVA_INT.withName("event_interval_ms"));

    /** struct xg_stats, 17 x u64 = 136 bytes, in GuardStats component order. */
    static final StructLayout STATS = MemoryLayout.structLayout(
            JAVA_LONG.withName("packets"), JAVA_LONG.withName("bytes"), JAVA_LONG.withName("ipv4"),
            JAVA_LONG.withName("ipv6"), JAVA_LONG.withName("tcp"), JAVA_LONG.withName("syn"),
            JAVA_LONG.withName("synack"), JAVA_LONG.withName("ack"), JAVA_LONG.withName("udp"),
            JAVA_LONG.withName("icmp"), JAVA_LONG.withName("other"), JAVA_LONG.withName("parse_errors"),
            JAVA_LONG.withName("fragments"), JAVA_LONG.withName("dropped"), JAVA_LONG.withName("would_drop"),
            JAVA_LONG.withName("events"), JAVA_LONG.withName("events_lost"));

    /** struct xg_source_key (also the blocked map's key), 20 bytes. */
    static final StructLayout SOURCE_KEY = MemoryLayout.structLayout(
            ADDR.withName("addr"),
            JAVA_BYTE.withName("family"),
            MemoryLayout.paddingLayout(3));

    /** struct xg_target_key, 20 bytes. */
    static final StructLayout TARGET_KEY = MemoryLayout.structLayout(
            ADDR.withName("addr"),
            JAVA_SHORT.withName("port"),
            JAVA_BYTE.withName("family"),
            MemoryLayout.paddingLayout(1));

    /** struct xg_block_value, 8 bytes. */
    static final StructLayout BLOCK_VALUE = MemoryLayout.structLayout(JAVA_LONG.withName("expires_ns"));

    /** struct xg_event, 88 bytes. */
    static final StructLayout EVENT = MemoryLayout.structLayout(
            JAVA_LONG.withName("ktime_ns"),
            JAVA_BYTE.withName("kind"),
            JAVA_BYTE.withName("mode"),
            JAVA_BYTE.withName("action"),
            JAVA_BYTE.withName("target_family"),
            JAVA_BYTE.withName("source_family"),
            MemoryLayout.paddingLayout(1),
            JAVA_SHORT.withName("target_port"),
            ADDR.withName("target_addr"),
            ADDR.withName("source_addr"),
            JAVA_LONG.withName("target_syn"),
            JAVA_LONG.withName("target_ack"),
            JAVA_LONG.withName("source_syn"),
            JAVA_LONG.withName("threshold"),
            JAVA_INT.withName("window_ms"),
            MemoryLayout.paddingLayout(4));

    private Layouts() {
    }

    static long offset(StructLayout layout, String field) {
        return layout.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    static void writeConfig(MemorySegment s, GuardConfig c) {
        s.fill((byte) 0);
        s.set(JAVA_INT, offset(CONFIG, "mode"), c.mode().code());
        s.set(JAVA_INT, offset(CONFIG, "window_ms"), c.windowMs());
        s.set(JAVA_LONG, offset(CONFIG, "target_syn_per_sec"), c.targetSynPerSec());
        s.set(JAVA_LONG, offset(CONFIG, "source_syn_per_sec"), c.sourceSynPerSec());
        s.set(JAVA_INT, offset(CONFIG, "block_ms"), c.blockMs());
        s.set(JAVA_INT, offset(CONFIG, "event_interval_ms"), c.eventIntervalMs());
    }

    static GuardConfig readConfig(MemorySegment s) {
        return new GuardConfig(GuardMode.fromCode(s.get(JAVA_INT, offset(CONFIG, "mode"))),
                s.get(JAVA_INT, offset(CONFIG, "window_ms")),
                s.get(JAVA_LONG, offset(CONFIG, "target_syn_per_sec")),
                s.get(JAVA_LONG, offset(CONFIG, "source_syn_per_sec")),
                s.get(JAVA_INT, offset(CONFIG, "block_ms")),
                s.get(JAVA_INT, offset(CONFIG, "event_interval_ms")));
    }

    /** Sums a per-CPU stats lookup ({@code cpus} slots of {@code stride} bytes). */
    static GuardStats sumStats(MemorySegment perCpu, int cpus, long stride) {
        long[] sum = new long[GuardStats.FIELDS];
        for (int cpu = 0; cpu < cpus; cpu++) {
            long base = cpu * stride;
            for (int f = 0; f < sum.length; f++) {
                sum[f] += perCpu.get(JAVA_LONG, base + 8L * f);
            }
        }
        return GuardStats.of(sum);
    }

    /** Decodes one ring buffer record; {@code offsetNs} turns CLOCK_MONOTONIC ns into epoch ns. */
    static GuardEvent readEvent(MemorySegment e, long offsetNs) {
        long ktime = e.get(JAVA_LONG, offset(EVENT, "ktime_ns"));
        int kind = e.get(JAVA_BYTE, offset(EVENT, "kind"));
        int action = e.get(JAVA_BYTE, offset(EVENT, "action"));
        return new GuardEvent(
                kind == 2 ? GuardEvent.Kind.SOURCE_SYN : GuardEvent.Kind.TARGET_SYN,
                ktime,
                Math.floorDiv(ktime + offsetNs, 1_000_000L),
                GuardMode.fromCode(e.get(JAVA_BYTE, offset(EVENT, "mode"))),
                address(e, offset(EVENT, "target_addr"), e.get(JAVA_BYTE, offset(EVENT, "target_family"))),
                Short.toUnsignedInt(e.get(JAVA_SHORT, offset(EVENT, "target_port"))),
                address(e, offset(EVENT, "source_addr"), e.get(JAVA_BYTE, offset(EVENT, "source_family"))),
                e.get(JAVA_LONG, offset(EVENT, "target_syn")),
                e.get(JAVA_LONG, offset(EVENT, "target_ack")),
                e.get(JAVA_LONG, offset(EVENT, "source_syn")),
                e.get(JAVA_INT, offset(EVENT, "window_ms")),
                e.get(JAVA_LONG, offset(EVENT, "threshold")),
                switch (action) {
                    case 1 -> GuardEvent.Action.WOULD_DROP;
                    case 2 -> GuardEvent.Action.DROPPED;
                    default -> GuardEvent.Action.OBSERVED;
                });
    }

    /** 16 address bytes plus a family byte, as the kernel stores them; null for family 0. */
    static InetAddress address(MemorySegment s, long offset, int family) {
        byte[] raw = new byte[16];
        MemorySegment.copy(s, JAVA_BYTE, offset, raw, 0, 16);
        try {
            if (family == FAMILY_V4) {
                return InetAddress.getByAddress(new byte[] {raw[12], raw[13], raw[14], raw[15]});
            }
            if (family == FAMILY_V6) {
                // Inet6Address explicitly: InetAddress.getByAddress would turn ::ffff:a.b.c.d into IPv4.
                return Inet6Address.getByAddress(null, raw, -1);
            }
            return null;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: lengths are fixed
        }
    }

    /** Writes an address as 16 bytes (v4-mapped for IPv4) and returns its family. */
    static int writeAddress(MemorySegment s, long offset, InetAddress a) {
        byte[] raw = a.getAddress();
        MemorySegment.copy(new byte[16], 0, s, JAVA_BYTE, offset, 16);
        if (raw.length == 4) {
            s.set(JAVA_BYTE, offset + 10, (byte) 0xff);
            s.set(JAVA_BYTE, offset + 11, (byte) 0xff);
            MemorySegment.copy(raw, 0, s, JAVA_BYTE, offset + 12, 4);
            return FAMILY_V4;
        }
        MemorySegment.copy(raw, 0, s, JAVA_BYTE, offset, 16);
        return FAMILY_V6;
    }

    /** A struct xg_source_key for {@code a}. */
    static void writeSourceKey(MemorySegment s, InetAddress a) {
        s.fill((byte) 0);
        int family = writeAddress(s, offset(SOURCE_KEY, "addr"), a);
        s.set(JAVA_BYTE, offset(SOURCE_KEY, "family"), (byte) family);
    }
}
