// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * The empty XDP program: the baseline PacketCostBench measures XDP Guard against, so the table shows
 * what XDP Guard adds on top of the fixed cost of running any XDP program at all.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "Dual BSD/GPL";
