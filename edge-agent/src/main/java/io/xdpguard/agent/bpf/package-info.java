/**
 * A thin binding to libbpf.so.1 over the Foreign Function and Memory API (no JNI, no helper
 * processes): open and load BPF objects, attach XDP programs, read and write maps, drain ring
 * buffers, and run programs with BPF_PROG_TEST_RUN.
 *
 * <p>Every libbpf failure becomes a {@link io.xdpguard.agent.bpf.BpfException} carrying the
 * function, the errno name and the last lines libbpf logged. Classes here know nothing about XDP
 * Guard's maps; {@code io.xdpguard.agent.guard} gives them meaning.
 */
package io.xdpguard.agent.bpf;
