// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * XDP Guard: count every packet, watch SYN rates per target (dst addr:port) and per source, report
 * threshold crossings through a ring buffer, and in shadow/enforce mode block sources that flood.
 *
 * Cost model (see PacketCostBench): every packet pays one per-CPU stats lookup and the parse, and
 * everything but SYNs and pure ACKs leaves right there, without a clock read or a hash lookup.
 *  - A SYN is counted in two small count-min sketches (array maps, one per key kind) first. Only a
 *    target or source whose upper-bound estimate reaches a fraction of its threshold gets an exact
 *    window in the LRU hash maps, so normal-rate SYNs cost no hash lookup, and a spoofed-source
 *    flood or a port sweep cannot churn the LRU maps.
 *  - A pure ACK is a handshake completion candidate: it checks one sketch slot and looks its
 *    target up only while that target is watched (under SYN pressure).
 */
#include "parsing.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xg_config);
} config SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xg_stats);
} stats SEC(".maps");

/* Separate LRU maps: a spoofed-source flood churns sources, but cannot evict the targets. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, XG_MAX_TARGETS);
	__type(key, struct xg_target_key);
	__type(value, struct xg_target_value);
} targets SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, XG_MAX_SOURCES);
	__type(key, struct xg_source_key);
	__type(value, struct xg_source_value);
} sources SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, XG_MAX_BLOCKED);
	__type(key, struct xg_source_key);
	__type(value, struct xg_block_value);
} blocked SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, XG_RINGBUF_BYTES);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, XG_SKETCH_SLOTS * XG_SKETCH_ROWS);
	__type(key, __u32);
	__type(value, struct xg_slot);
} target_sketch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, XG_SKETCH_SLOTS * XG_SKETCH_ROWS);
	__type(key, __u32);
	__type(value, struct xg_slot);
} source_sketch SEC(".maps");

/*
 * The clock. bpf_ktime_get_ns() costs a helper call and a clocksource read on every use (about
 * 35 ns on a mitigated x86 host, more than the whole rest of the SYN path), while bpf_jiffies64() is
 * inlined by the JIT. So the real clock is read at most once per tick per CPU and cached here with
 * the window number derived from it; everything else reads the cache. Resolution is one tick
 * (1-10 ms), plenty for 50 ms windows; events still carry an exact bpf_ktime_get_ns() stamp.
 * Shared by all CPUs without a lock: a reader racing a refresh sees a mix of this tick's and the
 * last tick's values, which every user below tolerates (clamped, at most one tick off).
 */
struct xg_clock {
	__u64 jiffies;
	__u64 ns;
	__u64 epoch;		/* ns / window_ns */
	__u64 epoch_start_ns;
	__u64 window_ns;	/* window the epoch was computed with */
};
struct xg_clock xg_clock = {};

/* Sketch hash seed, random per load so that nobody can aim collisions at a victim's slots. */
__u64 xg_seed = 0;

/*
 * Window arithmetic runs in ticks of 2^16 ns (~65.5 us) so that comparing an estimate with a
 * threshold needs no division on the per-SYN path and cannot overflow 64 bits:
 *   score = est * win_t = cur * win_t + prev * (win_t - elapsed_t)     (< 2^32 * 2^17.2 * 2)
 *   est >= thr * window_ms / 1000  <=>  score * 1000 >= thr * window_ms * win_t
 * with window_ms <= XG_MAX_WINDOW_MS (win_t < 2^17.2) and thresholds < 2^32 (the agent checks).
 */
#define XG_TICK_SHIFT 16
/* Exact state starts at this fraction of a threshold (1/2^shift): sources at 1/2, so that a
 * sketch collision alone can rarely lead to a block, targets at 1/4, so that handshake
 * completions are counted for a while before a crossing. */
#define XG_SOURCE_GATE_SHIFT 1
#define XG_TARGET_GATE_SHIFT 2

#define XG_HASH_MUL1 0x9e3779b97f4a7c15ULL
#define XG_HASH_MUL2 0xbf58476d1ce4e5b9ULL
#define XG_SOURCE_SEED_TWEAK 0x94d049bb133111ebULL

/* The config with zero fields replaced by defaults, and derived values. */
struct xg_cfg {
	__u64 window_ns;
	__u64 win_t;
	__u64 target_thr;
	__u64 source_thr;
	__u64 block_ns;
	__u64 interval_ns;
	__u32 window_ms;
	__u32 mode;
};

static __always_inline void load_cfg(struct xg_cfg *c)
{
	__u32 zero = 0;
	struct xg_config *raw = bpf_map_lookup_elem(&config, &zero);
	__u32 window_ms = 0, block_ms = 0, interval_ms = 0;
	__u64 tthr = 0, sthr = 0;

	c->mode = XG_MODE_MONITOR;
	if (raw) {
		c->mode = raw->mode;
		window_ms = raw->window_ms;
		tthr = raw->target_syn_per_sec;
		sthr = raw->source_syn_per_sec;
		block_ms = raw->block_ms;
		interval_ms = raw->event_interval_ms;
	}
	/* An unknown mode must never turn into dropping. */
	if (c->mode > XG_MODE_ENFORCE)
		c->mode = XG_MODE_MONITOR;
	if (window_ms == 0)
		window_ms = XG_DEFAULT_WINDOW_MS;
	if (window_ms > XG_MAX_WINDOW_MS)
		window_ms = XG_MAX_WINDOW_MS;
	if (tthr == 0)
		tthr = XG_DEFAULT_TARGET_SYN_PER_SEC;
	if (sthr == 0)
		sthr = XG_DEFAULT_SOURCE_SYN_PER_SEC;
	if (block_ms == 0)
		block_ms = XG_DEFAULT_BLOCK_MS;
	if (interval_ms == 0)
		interval_ms = XG_DEFAULT_EVENT_INTERVAL_MS;

	c->window_ms = window_ms;
	c->window_ns = (__u64)window_ms * 1000000;
	c->win_t = c->window_ns >> XG_TICK_SHIFT;
	c->target_thr = tthr > 0xffffffffULL ? 0xffffffffULL : tthr;
	c->source_thr = sthr > 0xffffffffULL ? 0xffffffffULL : sthr;
	c->block_ns = (__u64)block_ms * 1000000;
	c->interval_ns = (__u64)interval_ms * 1000000;
}

/* Time, window number and the weight of the previous window, for one packet. */
struct xg_now {
	__u64 ns;
	__u64 epoch;
	__u64 weight;	/* ticks of the previous window still inside the sliding window */
};

static __always_inline void clock_now(struct xg_now *n, const struct xg_cfg *c)
{
	__u64 j = bpf_jiffies64();
	__u64 el_t;

	if (j != xg_clock.jiffies || xg_clock.window_ns != c->window_ns) {
		/* Once per tick per CPU: the only division on the SYN path lives here. */
		__u64 ns = bpf_ktime_get_ns();
		__u64 epoch = ns / c->window_ns;

		xg_clock.ns = ns;
		xg_clock.epoch = epoch;
		xg_clock.epoch_start_ns = epoch * c->window_ns;
		xg_clock.window_ns = c->window_ns;
		xg_clock.jiffies = j;
	}
	n->ns = xg_clock.ns;
	n->epoch = xg_clock.epoch;
	el_t = n->ns > xg_clock.epoch_start_ns ?
		(n->ns - xg_clock.epoch_start_ns) >> XG_TICK_SHIFT : 0;
	n->weight = el_t < c->win_t ? c->win_t - el_t : 0;
}

/* Start a new window when the clock has moved on. One window on: the current counts become the
 * previous ones. Further (or backwards, after a window_ms change): nothing recent is left.
 * Concurrent CPUs may both roll; the loss is a few counts in one window, which a rate estimate
 * tolerates. Returns 1 when it rolled. */
static __always_inline int win_roll(struct xg_window *w, __u64 epoch)
{
	__u64 e = w->epoch;

	if (e == epoch)
		return 0;
	if (e + 1 == epoch) {
		w->prev_syn = w->cur_syn;
		w->prev_ack = w->cur_ack;
	} else {
		w->prev_syn = 0;
		w->prev_ack = 0;
	}
	w->cur_syn = 0;
	w->cur_ack = 0;
	w->epoch = epoch;
	return 1;
}

/* est * win_t, no division. */
static __always_inline __u64 score(__u32 cur, __u32 prev, const struct xg_now *n, __u64 win_t)
{
	return (__u64)cur * win_t + (__u64)prev * n->weight;
}

/* score >= (threshold per window) >> shift */
static __always_inline int over(__u64 sc, __u64 thr, const struct xg_cfg *c, int shift)
{
	return (sc * 1000) << shift >= thr * c->window_ms * c->win_t;
}

static __always_inline __u64 hash_key(const __u32 *addr, __u32 last, __u64 seed)
{
	__u64 h = seed;

	h = (h ^ addr[0]) * XG_HASH_MUL1;
	h = (h ^ addr[1]) * XG_HASH_MUL1;
	h = (h ^ addr[2]) * XG_HASH_MUL1;
	h = (h ^ addr[3]) * XG_HASH_MUL1;
	h = (h ^ last) * XG_HASH_MUL1;
	/* Finalizer: the products above only carry low input bits upwards; mix them back down. */
	h ^= h >> 31;
	h *= XG_HASH_MUL2;
	h ^= h >> 29;
	return h;
}

static __always_inline __u64 seed(void)
{
	__u64 s = xg_seed;

	if (!s) {
		s = ((__u64)bpf_get_prandom_u32() << 32 | bpf_get_prandom_u32()) | 1;
		xg_seed = s;
	}
	return s;
}

/* Row r's slot index for hash h. */
static __always_inline __u32 slot_idx(__u64 h, int r)
{
	return (__u32)(h >> (r * 24)) % XG_SKETCH_SLOTS + r * XG_SKETCH_SLOTS;
}

struct xg_sk {
	struct xg_slot *s[XG_SKETCH_ROWS];
	__u64 score;	/* min over rows */
	__u32 cur;	/* counts of the min row, to seed an exact window */
	__u32 prev;
};

/* Count one SYN in both rows of a sketch and return the smaller estimate. */
static __always_inline int sketch_add(void *map, __u64 h, const struct xg_now *n,
				      const struct xg_cfg *c, struct xg_sk *out)
{
	out->score = ~0ULL;
#pragma unroll
	for (int r = 0; r < XG_SKETCH_ROWS; r++) {
		__u32 idx = slot_idx(h, r);
		struct xg_slot *s = bpf_map_lookup_elem(map, &idx);
		__u64 sc;

		if (!s)
			return -1;
		if (s->epoch != n->epoch) {
			s->prev = s->epoch + 1 == n->epoch ? s->cur : 0;
			s->cur = 0;
			s->epoch = n->epoch;
		}
		__sync_fetch_and_add(&s->cur, 1);
		sc = score(s->cur, s->prev, n, c->win_t);
		if (sc < out->score) {
			out->score = sc;
			out->cur = s->cur;
			out->prev = s->prev;
		}
		out->s[r] = s;
	}
	return 0;
}

/* At most one event per key per interval, across CPUs: whoever swaps last_event_ns wins. The first
 * crossing of a fresh key always gets one (last_event_ns == 0). */
static __always_inline int claim_event(struct xg_window *w, __u64 now, __u64 interval_ns)
{
	__u64 last = w->last_event_ns;

	if (last && now - last < interval_ns)
		return 0;
	return __sync_val_compare_and_swap(&w->last_event_ns, last, now) == last;
}

static __always_inline void copy_addr(__u32 *dst, const __u32 *src)
{
	dst[0] = src[0];
	dst[1] = src[1];
	dst[2] = src[2];
	dst[3] = src[3];
}

/* Everything the SYN path works with, kept in one place so helpers take few arguments. */
struct xg_syn_ctx {
	struct xg_cfg cfg;
	struct xg_now now;
	struct xg_target_key tk;
	struct xg_source_key sk;
	struct xg_sk tsk;
	struct xg_sk ssk;
	struct xg_target_value *tv;
	struct xg_source_value *sv;
	__u64 s_score;		/* best estimate of this source: exact if tracked, else sketch */
	__u8 action;
};

static __always_inline void emit_event(struct xg_stats *st, const struct xg_pkt *p,
				       const struct xg_syn_ctx *x, __u8 kind)
{
	const struct xg_target_value *tv = x->tv;
	__u64 win_t = x->cfg.win_t;
	struct xg_event *e;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		st->events_lost++;
		return;
	}
	/* Rare path: an exact timestamp, and divisions to turn scores back into counts. */
	e->ktime_ns = bpf_ktime_get_ns();
	e->kind = kind;
	e->mode = x->cfg.mode;
	e->action = x->action;
	e->target_family = p->family;
	e->pad0 = 0;
	e->target_port = p->dport;
	copy_addr(e->target_addr, p->daddr);
	if (tv) {
		e->target_syn = score(tv->win.cur_syn, tv->win.prev_syn, &x->now, win_t) / win_t;
		e->target_ack = score(tv->win.cur_ack, tv->win.prev_ack, &x->now, win_t) / win_t;
	} else {
		e->target_syn = x->tsk.score / win_t;
		e->target_ack = 0;
	}
	if (kind == XG_EVENT_TARGET_SYN && tv && tv->heavy_score) {
		e->source_family = tv->heavy_family;
		copy_addr(e->source_addr, tv->heavy_src);
		e->source_syn = tv->heavy_score / win_t;
	} else {
		e->source_family = p->family;
		copy_addr(e->source_addr, p->saddr);
		e->source_syn = x->s_score / win_t;
	}
	e->threshold = kind == XG_EVENT_SOURCE_SYN ? x->cfg.source_thr : x->cfg.target_thr;
	e->window_ms = x->cfg.window_ms;
	e->pad1 = 0;
	bpf_ringbuf_submit(e, 0);
	st->events++;
}

/* Look up an exact window, creating it from the sketch's counts when the key is new, so going
 * exact loses nothing of what the sketch already saw (minus this SYN, which the caller adds). */
static __always_inline void *lookup_or_seed(void *map, const void *key, void *init,
					    struct xg_window *iw, const struct xg_sk *sk,
					    const struct xg_now *n)
{
	void *v = bpf_map_lookup_elem(map, key);

	if (v)
		return v;
	iw->epoch = n->epoch;
	iw->cur_syn = sk->cur ? sk->cur - 1 : 0;
	iw->prev_syn = sk->prev;
	/* NOEXIST: if another CPU just created it, keep theirs. */
	bpf_map_update_elem(map, key, init, BPF_NOEXIST);
	return bpf_map_lookup_elem(map, key);
}

/* Exact per-source window; returns 1 when the source is over its threshold. */
static __always_inline int track_source(struct xg_syn_ctx *x)
{
	struct xg_source_value init = {};
	struct xg_source_value *sv;

	sv = lookup_or_seed(&sources, &x->sk, &init, &init.win, &x->ssk, &x->now);
	if (!sv)
		return 0;
	x->sv = sv;
	win_roll(&sv->win, x->now.epoch);
	__sync_fetch_and_add(&sv->win.cur_syn, 1);
	x->s_score = score(sv->win.cur_syn, sv->win.prev_syn, &x->now, x->cfg.win_t);
	return over(x->s_score, x->cfg.source_thr, &x->cfg, 0);
}

/* Exact per-target window; returns 1 when the target is over its threshold. */
static __always_inline int track_target(struct xg_syn_ctx *x, const struct xg_pkt *p)
{
	struct xg_target_value init = {};
	struct xg_target_value *tv;
	__u64 sc;

	tv = lookup_or_seed(&targets, &x->tk, &init, &init.win, &x->tsk, &x->now);
	if (!tv)
		return 0;
	x->tv = tv;
	if (win_roll(&tv->win, x->now.epoch))
		tv->heavy_score = 0;	/* new window: the heaviest source starts over */
	__sync_fetch_and_add(&tv->win.cur_syn, 1);
	/* Tell the ACK path this target is watched, for two windows from now. */
	x->tsk.s[0]->mark_until_ns = x->now.ns + 2 * x->cfg.window_ns;

	copy_addr(tv->last_src, p->saddr);
	tv->last_family = p->family;
	if (x->s_score > tv->heavy_score) {
		tv->heavy_score = x->s_score;
		copy_addr(tv->heavy_src, p->saddr);
		tv->heavy_family = p->family;
	}
	sc = score(tv->win.cur_syn, tv->win.prev_syn, &x->now, x->cfg.win_t);
	return over(sc, x->cfg.target_thr, &x->cfg, 0);
}

/* Shadow/enforce: is this source blocked now? A source over its threshold is blocked (or
 * re-blocked when its entry expired), so a flood that outlasts block_ms is never let through. While
 * it keeps flooding, the entry is extended in place once half of it has run out: one lookup per SYN,
 * not a map update per SYN. The sketch marks let sources never blocked skip the lookup entirely. */
static __always_inline void mark_blocked(struct xg_syn_ctx *x, __u64 until)
{
#pragma unroll
	for (int r = 0; r < XG_SKETCH_ROWS; r++)
		if (x->ssk.s[r]->mark_until_ns < until)
			x->ssk.s[r]->mark_until_ns = until;
}

static __always_inline int check_block(struct xg_syn_ctx *x, int s_over)
{
	struct xg_block_value *b;
	struct xg_block_value nb;
	__u64 now = x->now.ns;

	if (!s_over && (x->ssk.s[0]->mark_until_ns <= now || x->ssk.s[1]->mark_until_ns <= now))
		return 0;
	b = bpf_map_lookup_elem(&blocked, &x->sk);
	if (b && b->expires_ns > now) {
		if (s_over && b->expires_ns - now < x->cfg.block_ns / 2) {
			b->expires_ns = now + x->cfg.block_ns;
			mark_blocked(x, b->expires_ns);
		}
		return 1;
	}
	if (!s_over)
		return 0;
	nb.expires_ns = now + x->cfg.block_ns;
	bpf_map_update_elem(&blocked, &x->sk, &nb, BPF_ANY);
	mark_blocked(x, nb.expires_ns);
	return 1;
}

static __always_inline int handle_syn(struct xg_stats *st, const struct xg_pkt *p)
{
	struct xg_syn_ctx x;	/* every field is written before use; no memset on the hot path */
	__u64 sd;
	int t_over = 0, s_over = 0, verdict = XDP_PASS;

	load_cfg(&x.cfg);
	clock_now(&x.now, &x.cfg);
	x.action = XG_ACTION_OBSERVED;
	x.tv = NULL;
	x.sv = NULL;

	/* Hash keys compare every byte: the padding must be zero too. */
	copy_addr(x.tk.addr, p->daddr);
	x.tk.port = p->dport;
	x.tk.family = p->family;
	x.tk.pad = 0;
	copy_addr(x.sk.addr, p->saddr);
	x.sk.family = p->family;
	x.sk.pad[0] = 0;
	x.sk.pad[1] = 0;
	x.sk.pad[2] = 0;

	sd = seed();
	if (sketch_add(&source_sketch, hash_key(x.sk.addr, x.sk.family, sd ^ XG_SOURCE_SEED_TWEAK),
		       &x.now, &x.cfg, &x.ssk) ||
	    sketch_add(&target_sketch, hash_key(x.tk.addr, (__u32)x.tk.port << 8 | x.tk.family, sd),
		       &x.now, &x.cfg, &x.tsk))
		return XDP_PASS;

	/* Source first: its estimate feeds the target's heaviest-source slot. */
	x.s_score = x.ssk.score;
	if (over(x.ssk.score, x.cfg.source_thr, &x.cfg, XG_SOURCE_GATE_SHIFT))
		s_over = track_source(&x);
	if (over(x.tsk.score, x.cfg.target_thr, &x.cfg, XG_TARGET_GATE_SHIFT))
		t_over = track_target(&x, p);

	/* Monitor keeps no block state at all; shadow and enforce take the same decisions. */
	if (x.cfg.mode != XG_MODE_MONITOR && check_block(&x, s_over)) {
		if (x.cfg.mode == XG_MODE_ENFORCE) {
			x.action = XG_ACTION_DROPPED;
			verdict = XDP_DROP;
			st->dropped++;
		} else {
			x.action = XG_ACTION_WOULD_DROP;
			st->would_drop++;
		}
	}

	if (t_over && claim_event(&x.tv->win, x.now.ns, x.cfg.interval_ns))
		emit_event(st, p, &x, XG_EVENT_TARGET_SYN);
	if (s_over && claim_event(&x.sv->win, x.now.ns, x.cfg.interval_ns))
		emit_event(st, p, &x, XG_EVENT_SOURCE_SYN);
	return verdict;
}

/* A pure ACK to a watched target is a handshake completion candidate. Watched targets are marked
 * in the sketch, so an ACK to anything else costs a hash and one array read: no map lookup, no
 * clock. The mark is checked against the cached clock; when no SYN refreshed it lately the check
 * errs towards looking the target up. */
static __always_inline void count_ack(const struct xg_pkt *p)
{
	struct xg_target_key tk = {};
	struct xg_target_value *tv;
	struct xg_slot *s;
	struct xg_cfg c;
	struct xg_now n;
	__u64 sd = xg_seed;
	__u64 epoch;
	__u32 idx;

	if (!sd)
		return;	/* no SYN seen since load: nothing is watched */
	copy_addr(tk.addr, p->daddr);
	tk.port = p->dport;
	tk.family = p->family;
	idx = slot_idx(hash_key(tk.addr, (__u32)tk.port << 8 | tk.family, sd), 0);
	s = bpf_map_lookup_elem(&target_sketch, &idx);
	if (!s || s->mark_until_ns <= xg_clock.ns)
		return;
	tv = bpf_map_lookup_elem(&targets, &tk);
	if (!tv)
		return;
	/* The cached window number is good for the rest of this tick; past it, refresh the clock. */
	epoch = xg_clock.epoch;
	if (bpf_jiffies64() != xg_clock.jiffies) {
		load_cfg(&c);
		clock_now(&n, &c);
		epoch = n.epoch;
	}
	if (win_roll(&tv->win, epoch))
		tv->heavy_score = 0;
	__sync_fetch_and_add(&tv->win.cur_ack, 1);
}

SEC("xdp")
int xdp_guard(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct hdr_cursor c = { .pos = data };
	struct xg_pkt p;
	struct xg_stats *st;
	__u32 zero = 0;
	int proto;
	__u8 fl;

	st = bpf_map_lookup_elem(&stats, &zero);
	if (!st)
		return XDP_PASS;
	st->packets++;
	st->bytes += data_end - data;

	p.family = 0;
	proto = parse_ethhdr(&c, data_end);
	if (proto == bpf_htons(ETH_P_IP))
		proto = parse_iphdr(&c, data_end, &p);
	else if (proto == bpf_htons(ETH_P_IPV6))
		proto = parse_ip6hdr(&c, data_end, &p);
	else if (proto >= 0) {
		st->other++;
		return XDP_PASS;
	}

	if (p.family == XG_FAMILY_V4)
		st->ipv4++;
	else if (p.family == XG_FAMILY_V6)
		st->ipv6++;
	if (proto == -2) {
		/* Never drop fragments: without the first one we cannot judge them. */
		st->fragments++;
		return XDP_PASS;
	}
	if (proto < 0)
		goto parse_error;

	switch (proto) {
	case IPPROTO_TCP:
		break;
	case IPPROTO_UDP:
		if (c.pos + 8 > data_end || p.l4_len < 8)
			goto parse_error;
		st->udp++;
		return XDP_PASS;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		if (c.pos + 4 > data_end || p.l4_len < 4)
			goto parse_error;
		st->icmp++;
		return XDP_PASS;
	default:
		st->other++;
		return XDP_PASS;
	}

	if (parse_tcphdr(&c, data_end, &p) < 0)
		goto parse_error;
	st->tcp++;
	fl = p.tcp_flags & (XG_TCP_SYN | XG_TCP_ACK | XG_TCP_RST | XG_TCP_FIN);
	if (fl & XG_TCP_SYN) {
		if (fl & XG_TCP_ACK) {
			st->synack++;
			return XDP_PASS;
		}
		st->syn++;
		return handle_syn(st, &p);
	}
	/* Pure ACK: ACK alone (PSH/URG/ECE/CWR allowed) and no payload. Ethernet padding makes
	 * data_end useless for "no payload", so the IP lengths decide. */
	if (fl == XG_TCP_ACK && p.l4_len == p.tcp_hlen) {
		st->ack++;
		count_ack(&p);
	}
	return XDP_PASS;

parse_error:
	st->parse_errors++;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
