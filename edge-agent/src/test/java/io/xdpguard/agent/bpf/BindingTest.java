package io.xdpguard.agent.bpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(RequiresRoot.class)
class BindingTest {

    @Test
    void loadsTheEmptyProgramAndRunsIt() throws Exception {
        try (BpfObject obj = BpfObject.open(BpfTestObjects.pass())) {
            obj.load();
            BpfProgram prog = obj.program("xdp_pass");
            assertThat(prog.fd()).isPositive();
            assertThat(prog.id()).isPositive();
            byte[] frame = Packets.syn("198.18.0.1", "198.18.0.2", 80).build();
            TestRunResult r = prog.testRun(frame, 1000);
            assertThat(r.retval()).isEqualTo(2); // XDP_PASS
            assertThat(r.durationNs()).isBetween(0L, 100_000L);
        }
    }

    @Test
    void readsAndWritesMaps() throws Exception {
        try (BpfObject obj = BpfObject.open(BpfTestObjects.guard()); Arena a = Arena.ofConfined()) {
            obj.load();
            BpfMap config = obj.map("config");
            assertThat(config.keySize()).isEqualTo(4);
            assertThat(config.valueSize()).isEqualTo(32);
            MemorySegment key = a.allocate(4, 4);
            MemorySegment value = a.allocate(32, 8);
            value.set(ValueLayout.JAVA_INT, 4, 77);
            config.update(key, value, BpfMap.BPF_ANY);
            MemorySegment back = a.allocate(32, 8);
            assertThat(config.lookup(key, back)).isTrue();
            assertThat(back.get(ValueLayout.JAVA_INT, 4)).isEqualTo(77);

            BpfMap stats = obj.map("stats");
            assertThat(stats.cpus()).isEqualTo(Libbpf.numPossibleCpus());
            assertThat(stats.lookupSize()).isEqualTo(136L * stats.cpus());

            BpfMap blocked = obj.map("blocked");
            MemorySegment k = a.allocate(20, 4);
            MemorySegment next = a.allocate(20, 4);
            assertThat(blocked.nextKey(null, next)).as("empty hash map").isFalse();
            assertThat(blocked.lookup(k, a.allocate(8, 8))).isFalse();
            blocked.update(k, a.allocate(8, 8), BpfMap.BPF_NOEXIST);
            assertThat(blocked.nextKey(null, next)).isTrue();
            assertThatThrownBy(() -> blocked.update(k, a.allocate(8, 8), BpfMap.BPF_NOEXIST))
                    .isInstanceOf(BpfException.class)
                    .satisfies(e -> assertThat(((BpfException) e).errnoName()).isEqualTo("EEXIST"));
            assertThat(blocked.delete(k)).isTrue();
            assertThat(blocked.delete(k)).isFalse();
        }
    }

    @Test
    void missingObjectIsReportedClearly() {
        assertThatThrownBy(() -> BpfObject.open(Path.of("/nonexistent/x.bpf.o")))
                .isInstanceOf(BpfException.class)
                .hasMessage("BPF object /nonexistent/x.bpf.o not found");
    }

    @Test
    void garbageObjectFailsWithErrnoAndLibbpfLog(@TempDir Path dir) throws Exception {
        Path junk = Files.write(dir.resolve("junk.bpf.o"), "not an ELF file".getBytes());
        assertThatThrownBy(() -> BpfObject.open(junk))
                .isInstanceOf(BpfException.class)
                .satisfies(e -> {
                    BpfException b = (BpfException) e;
                    assertThat(b.function()).isEqualTo("bpf_object__open_file");
                    assertThat(b.errno()).isPositive();
                    assertThat(b.libbpfLog()).isNotEmpty();
                    assertThat(b.getMessage()).contains("bpf_object__open_file failed: ").contains("libbpf:");
                });
    }

    @Test
    void unknownProgramAndShortFramesAreErrors() throws Exception {
        try (BpfObject obj = BpfObject.open(BpfTestObjects.pass())) {
            assertThatThrownBy(() -> obj.program("xdp_pass")).hasMessageContaining("not loaded");
            obj.load();
            assertThatThrownBy(() -> obj.program("nope")).hasMessageContaining("no 'nope'");
            BpfProgram prog = obj.program("xdp_pass");
            assertThatThrownBy(() -> prog.testRun(new byte[10], 1))
                    .isInstanceOf(BpfException.class)
                    .satisfies(e -> assertThat(((BpfException) e).errnoName()).isEqualTo("EINVAL"));
        }
    }

    @Test
    void interfaceLookupAndXdpQuery() throws Exception {
        assertThat(NetIf.indexOf("lo")).isEqualTo(1);
        assertThat(NetIf.indexOf("xg-does-not-exist")).isZero();
        assertThat(NetIf.indexOf("")).isZero();
    }

    @Test
    void errnoNames() {
        assertThat(Errno.name(1)).isEqualTo("EPERM");
        assertThat(Errno.name(-16)).isEqualTo("EBUSY");
        assertThat(Errno.name(4007)).isEqualTo("LIBBPF_ERRNO__VERIFY");
        assertThat(Errno.name(9999)).isEqualTo("errno 9999");
        assertThat(Errno.describe(2)).startsWith("ENOENT (").contains("No such file");
    }

    @Test
    void verifierReasonIsTheLastInformativeLogLine() {
        List<String> log = List.of("libbpf: prog 'xdp_guard': BPF program load failed: Permission denied",
                "libbpf: prog 'xdp_guard': -- BEGIN PROG LOAD LOG --", "0: R1=ctx() R10=fp0",
                "6: (63) *(u32 *)(r10 -12) = r1", "invalid size of register spill",
                "processed 7 insns (limit 1000000) max_states_per_insn 0", "-- END PROG LOAD LOG --",
                "libbpf: failed to load object");
        assertThat(LibbpfLog.verifierReason(log)).isEqualTo("invalid size of register spill");
        assertThat(LibbpfLog.verifierReason(List.of("prog 'x': -- BEGIN PROG LOAD LOG --", "0: R1=ctx() R10=fp0",
                "; return *(int *)data; @ bad.bpf.c:3", "1: (61) r1 = *(u32 *)(r1 +0)",
                "invalid access to packet, off=0 size=4, R1(id=0,off=0,r=0)", "R1 offset is outside of the packet",
                "processed 2 insns (limit 1000000) max_states_per_insn 0", "-- END PROG LOAD LOG --",
                "failed to load object 'bad.bpf.o'")))
                .isEqualTo("invalid access to packet, off=0 size=4, R1(id=0,off=0,r=0) - R1 offset is outside of the"
                        + " packet");
        assertThat(LibbpfLog.verifierReason(List.of("a", "b"))).isEqualTo("b");
    }
}
