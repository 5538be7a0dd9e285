/* SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause) */
/*
 * Packet parsing helpers for XDP Guard, in the xdp-tools style: a cursor walks the frame, every
 * helper checks its header against data_end before reading it (the verifier insists, and so do
 * truncated frames), and nothing here touches a map.
 */
#ifndef XDP_GUARD_PARSING_H
#define XDP_GUARD_PARSING_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#include "xdp_guard.h"

#ifndef ETH_P_8021Q
#define ETH_P_8021Q 0x8100
#endif
#ifndef ETH_P_8021AD
#define ETH_P_8021AD 0x88A8
#endif

/* Enough for real traffic (hop-by-hop, routing, fragment, dest-opts); bounded so the verifier can
 * see the loop end and a crafted chain cannot make us walk forever. */
#define XG_MAX_VLAN_TAGS 2
#define XG_MAX_IPV6_EXT 6

/* IPv4 frag_off bits: any of MF or a non-zero offset means "not a whole datagram". */
#define XG_IP_MF_OFFSET 0x3fff
/* IPv6 fragment header frag_off (network order): offset in the top 13 bits, M flag in bit 0. */
#define XG_IP6_MF_OFFSET 0xfff9

struct hdr_cursor {
	void *pos;
};

struct vlan_hdr {
	__be16 h_vlan_TCI;
	__be16 h_vlan_encapsulated_proto;
};

/* Not exported by uapi headers. */
struct ip6_frag_hdr {
	__u8 nexthdr;
	__u8 reserved;
	__be16 frag_off;
	__be32 identification;
};

/* Outcome of parsing one frame; the program turns it into exactly one class counter. */
enum xg_parse {
	XG_P_ERROR = 0,	/* truncated / malformed: parse_errors */
	XG_P_OTHER,	/* non-IP, or IP with another L4 protocol */
	XG_P_FRAG,	/* IP fragment: L4 not parsed */
	XG_P_TCP,
	XG_P_UDP,
	XG_P_ICMP,
};

/* What the program needs from a packet. Addresses are 16 bytes, v4-mapped for IPv4. */
struct xg_pkt {
	__u32 saddr[4];
	__u32 daddr[4];
	__u32 l4_len;		/* bytes from the L4 header to the end of the IP payload */
	__u16 dport;		/* host order */
	__u8 family;		/* 0 until an IP header parsed fully */
	__u8 tcp_flags;		/* byte 13 of the TCP header */
	__u8 tcp_hlen;		/* doff * 4 */
};

#define XG_TCP_FIN 0x01
#define XG_TCP_SYN 0x02
#define XG_TCP_RST 0x04
#define XG_TCP_ACK 0x10

static __always_inline int is_vlan(__be16 proto)
{
	return proto == bpf_htons(ETH_P_8021Q) || proto == bpf_htons(ETH_P_8021AD);
}

/* Ethernet plus up to two VLAN tags (802.1Q or 802.1AD outer). Returns the inner EtherType in
 * network order, or -1 when the frame ends inside these headers. */
static __always_inline int parse_ethhdr(struct hdr_cursor *c, void *data_end)
{
	struct ethhdr *eth = c->pos;
	struct vlan_hdr *vlh;
	__be16 proto;

	if ((void *)(eth + 1) > data_end)
		return -1;
	proto = eth->h_proto;
	vlh = (void *)(eth + 1);

#pragma unroll
	for (int i = 0; i < XG_MAX_VLAN_TAGS; i++) {
		if (!is_vlan(proto))
			break;
		if ((void *)(vlh + 1) > data_end)
			return -1;
		proto = vlh->h_vlan_encapsulated_proto;
		vlh++;
	}
	c->pos = vlh;
	return proto;
}

/* IPv4 with options. Returns the L4 protocol, -1 if malformed, -2 if a fragment. */
static __always_inline int parse_iphdr(struct hdr_cursor *c, void *data_end, struct xg_pkt *p)
{
	struct iphdr *iph = c->pos;
	__u32 hlen, tot;

	if ((void *)(iph + 1) > data_end)
		return -1;
	if (iph->version != 4)
		return -1;
	hlen = iph->ihl * 4;
	if (hlen < sizeof(*iph))
		return -1;
	/* Options are variable length: check the whole header, not just the fixed part. */
	if ((void *)iph + hlen > data_end)
		return -1;
	tot = bpf_ntohs(iph->tot_len);
	if (tot < hlen)
		return -1;

	p->family = XG_FAMILY_V4;
	p->saddr[0] = 0;
	p->saddr[1] = 0;
	p->saddr[2] = bpf_htonl(0xffff);
	p->saddr[3] = iph->saddr;
	p->daddr[0] = 0;
	p->daddr[1] = 0;
	p->daddr[2] = bpf_htonl(0xffff);
	p->daddr[3] = iph->daddr;

	if (iph->frag_off & bpf_htons(XG_IP_MF_OFFSET))
		return -2;
	p->l4_len = tot - hlen;
	c->pos = (void *)iph + hlen;
	return iph->protocol;
}

static __always_inline void copy_in6(__u32 *dst, const struct in6_addr *a)
{
	dst[0] = a->in6_u.u6_addr32[0];
	dst[1] = a->in6_u.u6_addr32[1];
	dst[2] = a->in6_u.u6_addr32[2];
	dst[3] = a->in6_u.u6_addr32[3];
}

/* IPv6 and its extension headers. Returns the upper-layer protocol, -1 if malformed (or more than
 * XG_MAX_IPV6_EXT extension headers), -2 if a fragment. */
static __always_inline int parse_ip6hdr(struct hdr_cursor *c, void *data_end, struct xg_pkt *p)
{
	struct ipv6hdr *ip6h = c->pos;
	void *pos;
	__u32 ext_len = 0;
	__u32 plen;
	__u8 nexthdr;

	if ((void *)(ip6h + 1) > data_end)
		return -1;
	if (ip6h->version != 6)
		return -1;
	p->family = XG_FAMILY_V6;
	copy_in6(p->saddr, &ip6h->saddr);
	copy_in6(p->daddr, &ip6h->daddr);
	plen = bpf_ntohs(ip6h->payload_len);
	nexthdr = ip6h->nexthdr;
	pos = ip6h + 1;

#pragma unroll
	for (int i = 0; i < XG_MAX_IPV6_EXT; i++) {
		struct ipv6_opt_hdr *opt = pos;
		struct ip6_frag_hdr *fh = pos;
		__u32 len;

		switch (nexthdr) {
		case IPPROTO_HOPOPTS:
		case IPPROTO_ROUTING:
		case IPPROTO_DSTOPTS:
			if ((void *)(opt + 1) > data_end)
				return -1;
			len = (opt->hdrlen + 1) * 8;
			nexthdr = opt->nexthdr;
			break;
		case IPPROTO_FRAGMENT:
			if ((void *)(fh + 1) > data_end)
				return -1;
			/* An atomic fragment (offset 0, no M) is a whole datagram: keep going. */
			if (fh->frag_off & bpf_htons(XG_IP6_MF_OFFSET))
				return -2;
			len = sizeof(*fh);
			nexthdr = fh->nexthdr;
			break;
		default:
			goto done;
		}
		pos += len;
		ext_len += len;
	}
	/* Still an extension header after the bounded walk: we cannot classify it. */
	if (nexthdr == IPPROTO_HOPOPTS || nexthdr == IPPROTO_ROUTING ||
	    nexthdr == IPPROTO_DSTOPTS || nexthdr == IPPROTO_FRAGMENT)
		return -1;
done:
	if (ext_len > plen)
		return -1;
	p->l4_len = plen - ext_len;
	c->pos = pos;
	return nexthdr;
}

/* TCP: fixed header plus options must be present. Returns 0, or -1 if truncated/malformed. */
static __always_inline int parse_tcphdr(struct hdr_cursor *c, void *data_end, struct xg_pkt *p)
{
	struct tcphdr *th = c->pos;
	__u32 hlen;

	if ((void *)(th + 1) > data_end)
		return -1;
	hlen = th->doff * 4;
	if (hlen < sizeof(*th) || hlen > p->l4_len)
		return -1;
	if ((void *)th + hlen > data_end)
		return -1;
	p->dport = bpf_ntohs(th->dest);
	/* Byte 13 holds CWR ECE URG ACK PSH RST SYN FIN: one load instead of six bitfields. */
	p->tcp_flags = ((__u8 *)th)[13];
	p->tcp_hlen = hlen;
	return 0;
}

#endif /* XDP_GUARD_PARSING_H */
