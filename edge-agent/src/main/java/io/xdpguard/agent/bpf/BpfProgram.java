package io.xdpguard.agent.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/** A loaded program: its fd (owned by the BpfObject), kernel id, and BPF_PROG_TEST_RUN. */
public final class BpfProgram {
    /**
     * struct bpf_test_run_opts as in libbpf 1.1 (bpf.h): {@code sz} first so libbpf can tell which
     * fields this caller knows; trailing fields a newer libbpf adds stay zero.
     */
    static final StructLayout TEST_RUN_OPTS = MemoryLayout.structLayout(
            JAVA_LONG.withName("sz"),
            ADDRESS.withName("data_in"),
            ADDRESS.withName("data_out"),
            JAVA_INT.withName("data_size_in"),
            JAVA_INT.withName("data_size_out"),
            ADDRESS.withName("ctx_in"),
            ADDRESS.withName("ctx_out"),
            JAVA_INT.withName("ctx_size_in"),
            JAVA_INT.withName("ctx_size_out"),
            JAVA_INT.withName("retval"),
            JAVA_INT.withName("repeat"),
            JAVA_INT.withName("duration"),
            JAVA_INT.withName("flags"),
            JAVA_INT.withName("cpu"),
            JAVA_INT.withName("batch_size"));
    private static final VarHandle SZ = field("sz");
    private static final VarHandle DATA_IN = field("data_in");
    private static final VarHandle DATA_SIZE_IN = field("data_size_in");
    private static final VarHandle RETVAL = field("retval");
    private static final VarHandle REPEAT = field("repeat");
    private static final VarHandle DURATION = field("duration");

    private final String name;
    private final int fd;

    BpfProgram(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    private static VarHandle field(String name) {
        return TEST_RUN_OPTS.varHandle(MemoryLayout.PathElement.groupElement(name));
    }

    public String name() {
        return name;
    }

    public int fd() {
        return fd;
    }

    /** The kernel's id for this program (what {@code bpftool prog} and bpf_xdp_query_id show). */
    public int id() throws BpfException {
        return BpfInfo.id("prog", fd);
    }

    /**
     * Runs the program {@code repeat} times on a copy of {@code data} in the kernel
     * (BPF_PROG_TEST_RUN). The kernel needs at least an Ethernet header's worth of bytes for XDP.
     */
    public TestRunResult testRun(byte[] data, int repeat) throws BpfException {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be >= 1");
        }
        LibbpfLog.mark();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment opts = a.allocate(TEST_RUN_OPTS);
            MemorySegment in = a.allocate(Math.max(1, data.length));
            MemorySegment.copy(data, 0, in, JAVA_BYTE, 0, data.length);
            SZ.set(opts, 0L, TEST_RUN_OPTS.byteSize());
            DATA_IN.set(opts, 0L, in);
            DATA_SIZE_IN.set(opts, 0L, data.length);
            REPEAT.set(opts, 0L, repeat);
            int rc = (int) Libbpf.H.TEST_RUN.invokeExact(Libbpf.capture(a), fd, opts);
            Libbpf.check("bpf_prog_test_run_opts", rc);
            return new TestRunResult((int) RETVAL.get(opts, 0L), Integer.toUnsignedLong((int) DURATION.get(opts, 0L)));
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    @Override
    public String toString() {
        return "BpfProgram[" + name + ", fd " + fd + "]";
    }
}
