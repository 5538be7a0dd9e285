package io.xdpguard.agent.bpf;

/** One BPF_PROG_TEST_RUN: the program's return value and the kernel's average ns per run. */
public record TestRunResult(int retval, long durationNs) {
}
