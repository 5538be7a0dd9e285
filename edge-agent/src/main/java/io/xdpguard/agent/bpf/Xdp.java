package io.xdpguard.agent.bpf;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/** bpf_xdp_attach / bpf_xdp_detach / bpf_xdp_query_id and the XDP_FLAGS_* of linux/if_link.h. */
public final class Xdp {
    /** Fail with EBUSY instead of replacing a program already on the interface. */
    public static final int FLAGS_UPDATE_IF_NOEXIST = 1;
    /** Generic XDP: runs after the skb is built; works on every interface. */
    public static final int FLAGS_SKB_MODE = 2;
    /** Native XDP: runs in the driver before the skb; needs driver support. */
    public static final int FLAGS_DRV_MODE = 4;
    public static final int FLAGS_HW_MODE = 8;
    /** Set by libbpf when old_prog_fd is given: act only if that program is the one attached. */
    public static final int FLAGS_REPLACE = 16;

    /** struct bpf_xdp_attach_opts { size_t sz; int old_prog_fd; size_t :0; } */
    private static final StructLayout ATTACH_OPTS = MemoryLayout.structLayout(
            JAVA_LONG.withName("sz"), JAVA_INT.withName("old_prog_fd"), MemoryLayout.paddingLayout(4));

    private Xdp() {
    }

    /** Attaches {@code progFd}; with {@code oldProgFd > 0} only if that program is attached now. */
    public static void attach(int ifindex, int progFd, int flags, int oldProgFd) throws BpfException {
        Libbpf.require();
        LibbpfLog.mark();
        try (Arena a = Arena.ofConfined()) {
            Libbpf.check("bpf_xdp_attach", (int) Libbpf.H.XDP_ATTACH.invokeExact(Libbpf.capture(a), ifindex, progFd,
                    flags, opts(a, oldProgFd)));
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    /**
     * Detaches the program in the mode of {@code flags}; with {@code expectedProgFd > 0} only when
     * that program is the one attached (the kernel answers EEXIST otherwise).
     */
    public static void detach(int ifindex, int flags, int expectedProgFd) throws BpfException {
        Libbpf.require();
        LibbpfLog.mark();
        try (Arena a = Arena.ofConfined()) {
            Libbpf.check("bpf_xdp_detach", (int) Libbpf.H.XDP_DETACH.invokeExact(Libbpf.capture(a), ifindex, flags,
                    opts(a, expectedProgFd)));
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    /**
     * Id of the XDP program on the interface, 0 when none. {@code flags} picks the mode
     * (FLAGS_SKB_MODE, FLAGS_DRV_MODE, FLAGS_HW_MODE); 0 asks for whichever single one is attached.
     */
    public static int queryId(int ifindex, int flags) throws BpfException {
        Libbpf.require();
        LibbpfLog.mark();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment id = a.allocate(JAVA_INT);
            Libbpf.check("bpf_xdp_query_id",
                    (int) Libbpf.H.XDP_QUERY_ID.invokeExact(Libbpf.capture(a), ifindex, flags, id));
            return id.get(JAVA_INT, 0);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    private static MemorySegment opts(Arena a, int oldProgFd) {
        if (oldProgFd <= 0) {
            return MemorySegment.NULL;
        }
        MemorySegment opts = a.allocate(ATTACH_OPTS);
        opts.set(JAVA_LONG, 0, ATTACH_OPTS.byteSize());
        opts.set(JAVA_INT, 8, oldProgFd);
        return opts;
    }
}
