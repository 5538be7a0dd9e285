package io.xdpguard.console.sched;

import java.lang.System.Logger.Level;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * The console's background threads, and the CPU priority they run at. What the analyst feels is the FX thread
 * and the renderer: when a burst saturates the machine, a frame must not wait for a core behind work that can
 * just as well run a little later, the history database above all. Java thread priorities do nothing on
 * Linux unless the JVM runs with special flags, so such a thread raises its own nice value (setpriority via
 * libc, through the FFM API); threads it starts, such as H2's under the history thread, inherit it. Raising
 * one's nice value needs no privilege. Elsewhere than Linux, or if native access is refused, threads run at
 * normal priority and one line says so.
 */
public final class Background {
    /**
     * Decoding and the fleet state keep the normal priority: at nice 5 a cold burst's backlog grew to seconds
     * behind the JIT compiler (load benchmark: publish-to-row p50 4.4 s against 0.09 s at nice 0).
     */
    public static final int INGEST = 0;
    /** The history database and its searches: whenever there is time (their queues absorb bursts). */
    public static final int STORAGE = 10;

    private static final System.Logger LOG = System.getLogger(Background.class.getName());
    private static final Optional<Libc> LIBC = Libc.load();

    private Background() {
    }

    /** An unstarted daemon platform thread that runs {@code body} at nice value {@code nice}. */
    public static Thread thread(String name, int nice, Runnable body) {
        return Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
            lowerCurrentThread(nice);
            body.run();
        });
    }

    /** Raises the calling thread's nice value to {@code nice}; false if this platform cannot. */
    private static boolean lowerCurrentThread(int nice) {
        return LIBC.map(libc -> libc.renice(nice)).orElse(false);
    }

    /** The calling thread's nice value, or empty where it cannot be read (tests, diagnostics). */
    public static Optional<Integer> currentNice() {
        return LIBC.map(Libc::nice);
    }

    private record Libc(MethodHandle gettid, MethodHandle setpriority, MethodHandle getpriority) {
        private static final int PRIO_PROCESS = 0;

        static Optional<Libc> load() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
                return Optional.empty();
            }
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                var lib = new Libc(
                        linker.downcallHandle(libc.find("gettid").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT)),
                        linker.downcallHandle(libc.find("setpriority").orElseThrow(), FunctionDescriptor.of(
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)),
                        linker.downcallHandle(libc.find("getpriority").orElseThrow(), FunctionDescriptor.of(
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)));
                return Optional.of(lib);
            } catch (RuntimeException e) {
                // IllegalCallerException when native access is denied, NoSuchElementException without the symbols.
                LOG.log(Level.WARNING, "event=thread_priority_unavailable detail=\"{0}\"", e.toString());
                return Optional.empty();
            }
        }

        boolean renice(int nice) {
            try {
                int tid = (int) gettid.invokeExact();
                return (int) setpriority.invokeExact(PRIO_PROCESS, tid, nice) == 0;
            } catch (Throwable t) {
                return false;
            }
        }

        Integer nice() {
            try {
                int tid = (int) gettid.invokeExact();
                // getpriority returns the nice value itself (glibc wrapper); -1 is also a valid value.
                return (int) getpriority.invokeExact(PRIO_PROCESS, tid);
            } catch (Throwable t) {
                return null;
            }
        }
    }
}
