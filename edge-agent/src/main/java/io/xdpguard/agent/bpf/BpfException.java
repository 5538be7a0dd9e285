package io.xdpguard.agent.bpf;

import java.util.List;

/** A libbpf or libc call failed. {@link #errno()} is positive; 0 when no errno applies. */
public final class BpfException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String function;
    private final int errno;
    private final transient List<String> log;

    public BpfException(String function, int errno, List<String> log) {
        super(function + " failed: " + Errno.describe(errno) + lastLine(log));
        this.function = function;
        this.errno = errno;
        this.log = List.copyOf(log);
    }

    public BpfException(String message) {
        super(message);
        this.function = "";
        this.errno = 0;
        this.log = List.of();
    }

    private static String lastLine(List<String> log) {
        return log.isEmpty() ? "" : " (libbpf: " + log.getLast() + ")";
    }

    /** The C function that failed, e.g. {@code bpf_object__load}. */
    public String function() {
        return function;
    }

    public int errno() {
        return errno;
    }

    /** Symbolic errno, e.g. {@code EPERM}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** What libbpf logged (warnings and above) during the failed call, oldest first. */
    public List<String> libbpfLog() {
        return log == null ? List.of() : log;
    }
}
