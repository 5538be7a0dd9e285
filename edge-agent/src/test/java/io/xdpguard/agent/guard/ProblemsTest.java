package io.xdpguard.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.agent.bpf.BpfException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operator messages for failures that a root test run cannot provoke. */
class ProblemsTest {
    @Test
    void permission() {
        var e = new BpfException("bpf_object__load", 1, List.of("libbpf: Error in bpf_object__probe_loading(): Operation not permitted(1)."));
        assertThat(Problems.load(e).getMessage())
                .isEqualTo("no permission to load BPF: run as root or grant CAP_BPF, CAP_NET_ADMIN and CAP_PERFMON");
    }

    @Test
    void verifierRejection() {
        var e = new BpfException("bpf_object__load", 13, List.of(
                "libbpf: prog 'xdp_guard': BPF program load failed: Permission denied",
                "libbpf: prog 'xdp_guard': -- BEGIN PROG LOAD LOG --", "12: (61) r3 = *(u32 *)(r2 +0)",
                "invalid access to packet, off=0 size=4, R2(id=0,off=0,r=0)",
                "processed 13 insns (limit 1000000) max_states_per_insn 0", "-- END PROG LOAD LOG --"));
        assertThat(Problems.load(e).getMessage()).isEqualTo(
                "the kernel verifier rejected XDP Guard: invalid access to packet, off=0 size=4, R2(id=0,off=0,r=0)");
    }

    @Test
    void nativeUnsupported() {
        var e = new BpfException("bpf_xdp_attach", 95, List.of());
        assertThat(Problems.attach("lo", AttachMode.NATIVE, e).getMessage())
                .isEqualTo("interface lo does not support native XDP: use attach mode generic (or auto)");
    }

    @Test
    void testRunFrameTooShort() {
        var e = new BpfException("bpf_prog_test_run_opts", 22, List.of());
        assertThat(Problems.testRun(8, e).getMessage()).contains("at least 14 bytes").contains("got 8");
    }
}
