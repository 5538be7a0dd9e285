package io.xdpguard.agent.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libbpf.so.1 and libc entry points XDP Guard uses, as FFM downcall handles. Every handle
 * captures errno, because libbpf reports pointer-returning failures (and libc all failures) that
 * way; int-returning libbpf 1.x calls return {@code -errno} directly as well.
 *
 * <p>Wrappers here stay one-to-one with C; the classes around them add types and exceptions.
 */
final class Libbpf {
    static final Linker LINKER = Linker.nativeLinker();
    static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final String LIBRARY = "libbpf.so.1";

    private Libbpf() {
    }

    /** Loaded on first use, so a host without libbpf gets a BpfException instead of a class init error. */
    static final class H {
        static final SymbolLookup LIB = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
        static final SymbolLookup LIBC = LINKER.defaultLookup();

        static final MethodHandle OPEN_FILE = bpf("bpf_object__open_file", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle OBJ_LOAD = bpf("bpf_object__load", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle OBJ_CLOSE = bpf("bpf_object__close", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle FIND_PROG = bpf("bpf_object__find_program_by_name",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle PROG_FD = bpf("bpf_program__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle FIND_MAP = bpf("bpf_object__find_map_by_name",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle MAP_FD = bpf("bpf_map__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle MAP_KEY_SIZE = bpf("bpf_map__key_size", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle MAP_VALUE_SIZE = bpf("bpf_map__value_size", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle MAP_MAX_ENTRIES = bpf("bpf_map__max_entries", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle MAP_TYPE = bpf("bpf_map__type", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle XDP_ATTACH = bpf("bpf_xdp_attach",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle XDP_DETACH = bpf("bpf_xdp_detach",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle XDP_QUERY_ID = bpf("bpf_xdp_query_id",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle LOOKUP = bpf("bpf_map_lookup_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle UPDATE = bpf("bpf_map_update_elem",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
        static final MethodHandle DELETE = bpf("bpf_map_delete_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle NEXT_KEY = bpf("bpf_map_get_next_key",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle OBJ_INFO = bpf("bpf_obj_get_info_by_fd",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle RB_NEW = bpf("ring_buffer__new",
                FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle RB_POLL = bpf("ring_buffer__poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle RB_FREE = bpf("ring_buffer__free", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle TEST_RUN = bpf("bpf_prog_test_run_opts", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle NUM_CPUS = bpf("libbpf_num_possible_cpus", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle STRERROR = LINKER.downcallHandle(LIB.findOrThrow("libbpf_strerror"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle SET_PRINT = LINKER.downcallHandle(LIB.findOrThrow("libbpf_set_print"),
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle IF_NAMETOINDEX = LINKER.downcallHandle(LIBC.findOrThrow("if_nametoindex"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS), Linker.Option.captureCallState("errno"));

        static {
            LibbpfLog.install();
        }

        private static MethodHandle bpf(String name, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(LIB.findOrThrow(name), descriptor, Linker.Option.captureCallState("errno"));
        }
    }

    /** Throws a clear exception when libbpf.so.1 cannot be loaded. Cheap after the first call. */
    static void require() throws BpfException {
        try {
            H.OBJ_LOAD.type();
        } catch (IllegalArgumentException | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new BpfException(LIBRARY + " could not be loaded (install it: apt install libbpf1): " + e);
        }
    }

    static boolean available() {
        try {
            require();
            return true;
        } catch (BpfException e) {
            return false;
        }
    }

    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /** A failure: the errno, and what libbpf logged on this thread since {@link LibbpfLog#mark()}. */
    static BpfException fail(String function, int errno) {
        return new BpfException(function, Math.abs(errno), LibbpfLog.sinceMark());
    }

    /** Turns a C int result (negative errno) into an exception. */
    static int check(String function, int rc) throws BpfException {
        if (rc < 0) {
            throw fail(function, rc);
        }
        return rc;
    }

    static MemorySegment capture(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    static int numPossibleCpus() throws BpfException {
        require();
        try (Arena a = Arena.ofConfined()) {
            return check("libbpf_num_possible_cpus", (int) H.NUM_CPUS.invokeExact(capture(a)));
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** libbpf_strerror text, or null when libbpf is missing. */
    static String strerror(int errno) {
        if (!available()) {
            return null;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(256);
            int rc = (int) H.STRERROR.invokeExact(errno, buf, 256L);
            String text = buf.getString(0);
            return rc < 0 && text.startsWith("Unknown") ? null : text;
        } catch (Throwable t) {
            return null;
        }
    }

    /** Native calls do not throw; anything caught here is a bug in a handle's types. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
