/**
 * The typed face of the XDP Guard kernel program: {@link io.xdpguard.agent.guard.XdpGuard} loads and
 * attaches it, writes {@link io.xdpguard.agent.guard.GuardConfig} to its config map, sums
 * {@link io.xdpguard.agent.guard.GuardStats} over CPUs and turns ring buffer records into
 * {@link io.xdpguard.agent.guard.GuardEvent}s. Struct layouts live in {@code Layouts} and mirror
 * {@code bpf/xdp_guard.h} byte for byte.
 */
package io.xdpguard.agent.guard;
