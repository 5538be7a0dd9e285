/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * XDP Guard: the structs shared between the kernel program and the agent.
 *
 * This header is the binary contract. The Java side (io.xdpguard.agent.guard.Layouts) mirrors every
 * struct here byte for byte, so:
 *   - every field has a fixed width and every struct spells out its padding (no implicit holes);
 *   - the _Static_asserts at the bottom pin sizes and offsets; change one side, change both.
 *
 * Byte order: addresses are in network byte order (as on the wire). Ports, counters, times and
 * config values are in host byte order (little endian on x86_64/arm64), which is what Java reads
 * with ValueLayout.*_UNALIGNED in native order.
 *
 * Addresses are always 16 bytes plus a family byte (XG_FAMILY_V4 / XG_FAMILY_V6). An IPv4 address
 * a.b.c.d is stored v4-mapped, ::ffff:a.b.c.d (RFC 4291 2.5.5.2), so one key type serves both
 * families and the 16 bytes alone already print as the right address. The family byte is kept in
 * every key anyway so a (bogus) v4-mapped address inside a real IPv6 packet never collides with
 * the IPv4 source it mimics.
 */
#ifndef XDP_GUARD_H
#define XDP_GUARD_H

#include <linux/types.h>

#define XG_FAMILY_V4 4
#define XG_FAMILY_V6 6

enum xg_mode {
	XG_MODE_MONITOR = 0,	/* count and report; never drop; no block state */
	XG_MODE_SHADOW = 1,	/* also block sources on paper: count would_drop, still pass */
	XG_MODE_ENFORCE = 2,	/* drop SYNs from blocked sources */
};

enum xg_event_kind {
	XG_EVENT_TARGET_SYN = 1,	/* SYN rate to one dst addr:port over target threshold */
	XG_EVENT_SOURCE_SYN = 2,	/* SYN rate from one source over source threshold */
};

enum xg_action {
	XG_ACTION_OBSERVED = 0,		/* the packet that raised the event was passed */
	XG_ACTION_WOULD_DROP = 1,	/* shadow: enforce would have dropped it */
	XG_ACTION_DROPPED = 2,		/* enforce: it was dropped */
};

/* Defaults used when the agent has not written the config (entry all zero), and per field when a
 * field is zero, so the program never divides by zero or rate-limits with a zero interval. */
#define XG_DEFAULT_WINDOW_MS		50
#define XG_DEFAULT_TARGET_SYN_PER_SEC	5000
#define XG_DEFAULT_SOURCE_SYN_PER_SEC	1000
#define XG_DEFAULT_BLOCK_MS		10000
#define XG_DEFAULT_EVENT_INTERVAL_MS	1000
/* Longer windows are clamped so the scaled window arithmetic cannot overflow 64 bits. */
#define XG_MAX_WINDOW_MS		10000

/* Map sizes. LRU maps: a flood of spoofed sources evicts old sources, never targets (own map). */
#define XG_MAX_TARGETS		16384
#define XG_MAX_SOURCES		65536
#define XG_MAX_BLOCKED		65536
#define XG_RINGBUF_BYTES	(256 * 1024)
#define XG_SKETCH_SLOTS		16384	/* per row; power of two */
#define XG_SKETCH_ROWS		2

/* config map (ARRAY, 1 entry, key 0). 32 bytes. */
struct xg_config {
	__u32 mode;			/*  0: enum xg_mode */
	__u32 window_ms;		/*  4: sliding window length, 1..XG_MAX_WINDOW_MS */
	__u64 target_syn_per_sec;	/*  8: per dst addr:port threshold */
	__u64 source_syn_per_sec;	/* 16: per source threshold (blocking in shadow/enforce) */
	__u32 block_ms;			/* 24: how long a source stays blocked */
	__u32 event_interval_ms;	/* 28: min gap between two events for one key */
};

/* stats map (PERCPU_ARRAY, 1 entry, key 0): the agent sums over CPUs. 17 * 8 = 136 bytes.
 * Each protocol counter is bumped once that header has been parsed completely, so a truncated TCP
 * header counts as ipv4 + parse_errors, not tcp. */
struct xg_stats {
	__u64 packets;		/*   0 every packet */
	__u64 bytes;		/*   8 frame bytes as seen by XDP */
	__u64 ipv4;		/*  16 */
	__u64 ipv6;		/*  24 */
	__u64 tcp;		/*  32 */
	__u64 syn;		/*  40 SYN without ACK */
	__u64 synack;		/*  48 SYN+ACK */
	__u64 ack;		/*  56 pure ACK: ACK, no SYN/RST/FIN, no payload (completion candidate) */
	__u64 udp;		/*  64 */
	__u64 icmp;		/*  72 ICMP and ICMPv6 */
	__u64 other;		/*  80 non-IP (ARP, ...) and IP with another L4 protocol */
	__u64 parse_errors;	/*  88 truncated or malformed; always passed */
	__u64 fragments;	/*  96 IPv4/IPv6 fragments (MF or offset != 0); passed, L4 not parsed */
	__u64 dropped;		/* 104 XDP_DROP returned (enforce) */
	__u64 would_drop;	/* 112 shadow: would have been dropped */
	__u64 events;		/* 120 events submitted to the ring buffer */
	__u64 events_lost;	/* 128 ring buffer full: event not delivered */
};

/* Key of the targets map: one protected service. 20 bytes. */
struct xg_target_key {
	__u32 addr[4];		/*  0 dst address, network order, v4-mapped for IPv4 */
	__u16 port;		/* 16 dst port, host order */
	__u8 family;		/* 18 XG_FAMILY_* */
	__u8 pad;		/* 19 always 0 (hash keys compare every byte) */
};

/* Key of the sources and blocked maps. 20 bytes. */
struct xg_source_key {
	__u32 addr[4];		/*  0 src address, network order, v4-mapped for IPv4 */
	__u8 family;		/* 16 XG_FAMILY_* */
	__u8 pad[3];		/* 17 always 0 */
};

/*
 * Sliding-window counter: the count of the current window plus the previous window's count weighted
 * by the part of it still inside a window-long span ending now. That estimate rises smoothly, so a
 * flood at twice the threshold is seen about half a window in, whatever the window alignment.
 * Windows are numbered globally (epoch = now_ns / window_ns), so every key rolls at the same
 * instants and one clock read serves them all. 32 bytes; first member of both window values.
 */
struct xg_window {
	__u64 epoch;		/*  0 window number the cur_* counts belong to */
	__u64 last_event_ns;	/*  8 last event for this key (0 = never); claimed with cmpxchg */
	__u32 cur_syn;		/* 16 */
	__u32 prev_syn;		/* 20 */
	__u32 cur_ack;		/* 24 pure ACKs (targets only) */
	__u32 prev_ack;		/* 28 */
};

/* Value of the targets map. 80 bytes. */
struct xg_target_value {
	struct xg_window win;	/*  0 */
	__u32 last_src[4];	/* 32 source of the most recent SYN */
	__u32 heavy_src[4];	/* 48 source with the highest window score seen this window */
	__u64 heavy_score;	/* 64 that source's estimate * window ticks (0 after a window roll) */
	__u8 last_family;	/* 72 */
	__u8 heavy_family;	/* 73 */
	__u8 pad[6];		/* 74 */
};

/* Value of the sources map. 32 bytes. */
struct xg_source_value {
	struct xg_window win;	/*  0 ack fields unused */
};

/* Value of the blocked map (LRU_HASH, key struct xg_source_key): expiry, bpf_ktime_get_ns() time. */
struct xg_block_value {
	__u64 expires_ns;	/* 0 */
};

/*
 * Sketch slot (target_sketch / source_sketch ARRAY maps, XG_SKETCH_ROWS rows of XG_SKETCH_SLOTS).
 * Kernel-internal; the agent never reads them. Every SYN is counted here first, in two rows indexed
 * by independent hashes of its key; the smaller of the two sliding estimates is an upper bound of
 * the key's true rate. Only keys whose bound reaches a fraction of their threshold get an exact
 * window in the LRU maps, so a spoofed-source flood or a port sweep never churns those maps and a
 * SYN at a normal rate costs no hash-map lookup. 24 bytes.
 */
struct xg_slot {
	__u64 epoch;		/*  0 */
	__u32 cur;		/*  8 */
	__u32 prev;		/* 12 */
	__u64 mark_until_ns;	/* 16 a key hashing here has exact state (hot target / blocked source) */
};

/* Ring buffer record. 88 bytes. Counts are sliding-window estimates for window_ms. */
struct xg_event {
	__u64 ktime_ns;		/*  0 bpf_ktime_get_ns() (CLOCK_MONOTONIC) */
	__u8 kind;		/*  8 enum xg_event_kind */
	__u8 mode;		/*  9 enum xg_mode in force */
	__u8 action;		/* 10 enum xg_action for the packet that raised it */
	__u8 target_family;	/* 11 */
	__u8 source_family;	/* 12 */
	__u8 pad0;		/* 13 */
	__u16 target_port;	/* 14 host order */
	__u32 target_addr[4];	/* 16 */
	__u32 source_addr[4];	/* 32 kind 2: the source; kind 1: heaviest source this window */
	__u64 target_syn;	/* 48 */
	__u64 target_ack;	/* 56 */
	__u64 source_syn;	/* 64 */
	__u64 threshold;	/* 72 SYN/s threshold that was crossed */
	__u32 window_ms;	/* 80 */
	__u32 pad1;		/* 84 */
};

#define XG_ASSERT_SIZE(t, n) _Static_assert(sizeof(struct t) == (n), #t " layout changed")
XG_ASSERT_SIZE(xg_config, 32);
XG_ASSERT_SIZE(xg_stats, 136);
XG_ASSERT_SIZE(xg_target_key, 20);
XG_ASSERT_SIZE(xg_source_key, 20);
XG_ASSERT_SIZE(xg_window, 32);
XG_ASSERT_SIZE(xg_target_value, 80);
XG_ASSERT_SIZE(xg_source_value, 32);
XG_ASSERT_SIZE(xg_block_value, 8);
XG_ASSERT_SIZE(xg_event, 88);
XG_ASSERT_SIZE(xg_slot, 24);
_Static_assert(__builtin_offsetof(struct xg_event, threshold) == 72, "xg_event layout changed");
_Static_assert(__builtin_offsetof(struct xg_target_value, heavy_score) == 64, "target layout changed");

#endif /* XDP_GUARD_H */
