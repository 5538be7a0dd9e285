package io.xdpguard.agent.guard;

import io.xdpguard.agent.bpf.BpfException;
import io.xdpguard.agent.bpf.Errno;
import io.xdpguard.agent.bpf.LibbpfLog;

/** Turns binding failures into one-line GuardException messages that say what to do. */
final class Problems {
    static final String NO_PERMISSION = "no permission to load BPF: run as root or grant CAP_BPF, CAP_NET_ADMIN and"
            + " CAP_PERFMON";

    private Problems() {
    }

    static boolean isPermission(BpfException e) {
        return e.errno() == Errno.EPERM;
    }

    static boolean verifierLog(BpfException e) {
        return e.libbpfLog().stream().anyMatch(l -> l.contains("BEGIN PROG LOAD LOG"));
    }

    /** bpf_object__open_file / bpf_object__load. */
    static GuardException load(BpfException e) {
        if (e.function().isEmpty()) {
            return new GuardException(e.getMessage(), e); // already an operator message (file or libbpf missing)
        }
        if (verifierLog(e)) {
            return new GuardException("the kernel verifier rejected XDP Guard: "
                    + LibbpfLog.verifierReason(e.libbpfLog()), e);
        }
        if (isPermission(e)) {
            return new GuardException(NO_PERMISSION, e);
        }
        if (e.function().equals("bpf_object__open_file")) {
            return new GuardException("cannot read BPF object: " + Errno.describe(e.errno()) + lastLog(e)
                    + " (is it a BPF ELF built by bpf/Makefile?)", e);
        }
        return new GuardException("could not load XDP Guard into the kernel: " + Errno.describe(e.errno()) + lastLog(e)
                + " (needs Linux 5.15 or newer with BPF ring buffer support)", e);
    }

    /** bpf_xdp_attach, after the busy case was ruled out. */
    static GuardException attach(String ifname, AttachMode mode, BpfException e) {
        if (isPermission(e)) {
            return new GuardException("no permission to attach XDP to " + ifname + ": run as root or grant"
                    + " CAP_NET_ADMIN and CAP_BPF", e);
        }
        if (mode == AttachMode.NATIVE && (e.errno() == Errno.EOPNOTSUPP || e.errno() == Errno.ENOTSUPP)) {
            return new GuardException("interface " + ifname + " does not support native XDP: use attach mode generic"
                    + " (or auto)", e);
        }
        return new GuardException("could not attach XDP Guard to " + ifname + " in " + mode.name().toLowerCase()
                + " mode: " + Errno.describe(e.errno()) + lastLog(e), e);
    }

    static GuardException busy(String ifname, int progId) {
        return new GuardException("interface " + ifname + " already has an XDP program attached (prog id " + progId
                + "): detach it with `ip link set dev " + ifname + " xdp off` or stop the other tool");
    }

    static GuardException missingInterface(String ifname) {
        return new GuardException("interface " + ifname + " not found (check `ip link`)");
    }

    static GuardException map(String what, BpfException e) {
        if (isPermission(e)) {
            return new GuardException(NO_PERMISSION, e);
        }
        return new GuardException(what + " failed: " + Errno.describe(e.errno()), e);
    }

    static GuardException testRun(int length, BpfException e) {
        if (e.errno() == Errno.EINVAL && length < 14) {
            return new GuardException("BPF_PROG_TEST_RUN needs a frame of at least 14 bytes (an Ethernet header), got "
                    + length, e);
        }
        if (isPermission(e)) {
            return new GuardException(NO_PERMISSION, e);
        }
        return new GuardException("BPF_PROG_TEST_RUN failed: " + Errno.describe(e.errno()), e);
    }

    private static String lastLog(BpfException e) {
        return e.libbpfLog().isEmpty() ? "" : " (libbpf: " + e.libbpfLog().getLast() + ")";
    }
}
