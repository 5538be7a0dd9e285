package io.xdpguard.agent.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Routes libbpf's log (libbpf_set_print) to System.Logger at DEBUG and keeps the recent warning
 * lines of each thread, so a failed call can say what libbpf said, e.g. the verifier's reason.
 *
 * <p>libbpf hands over a printf format and a {@code va_list}. On x86_64 and arm64 Linux a
 * {@code va_list} parameter is passed as a pointer to the caller's list, so it arrives here as an
 * address and goes back to vsnprintf as one. The list is consumed by formatting, so it is copied
 * first (the copy is what {@code va_copy} does on both ABIs: the 24/32-byte struct) to measure
 * the text before formatting it into a buffer of the right size.
 */
public final class LibbpfLog {
    private static final System.Logger LOG = System.getLogger("io.xdpguard.agent.bpf.libbpf");
    private static final int LEVEL_WARN = 0;
    private static final int LEVEL_INFO = 1;
    private static final int KEEP = 400;
    private static final long VA_LIST_BYTES = vaListBytes();
    private static final ThreadLocal<ArrayDeque<String>> RECENT = ThreadLocal.withInitial(ArrayDeque::new);
    private static final ThreadLocal<long[]> MARK = ThreadLocal.withInitial(() -> new long[2]);
    private static MethodHandle vsnprintf;

    private LibbpfLog() {
    }

    /** Called once when the libbpf handles initialise. */
    static void install() {
        try {
            vsnprintf = Libbpf.LINKER.downcallHandle(Libbpf.H.LIBC.findOrThrow("vsnprintf"),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
            MethodHandle target = MethodHandles.lookup().findStatic(LibbpfLog.class, "print",
                    MethodType.methodType(int.class, int.class, MemorySegment.class, MemorySegment.class));
            MemorySegment stub = Libbpf.LINKER.upcallStub(target,
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), Arena.global());
            MemorySegment previous = (MemorySegment) Libbpf.H.SET_PRINT.invokeExact(stub);
            LOG.log(Level.TRACE, "libbpf print callback installed, previous {0}", previous);
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "libbpf log capture unavailable: " + t);
        }
    }

    /** Starts a new failure context on this thread: {@link #sinceMark()} returns lines logged after it. */
    public static void mark() {
        long[] m = MARK.get();
        m[0] = m[1];
    }

    /** Warning/info lines logged on this thread since {@link #mark()}, oldest first (bounded). */
    public static List<String> sinceMark() {
        long[] m = MARK.get();
        ArrayDeque<String> recent = RECENT.get();
        long n = Math.min(m[1] - m[0], recent.size());
        List<String> all = new ArrayList<>(recent);
        return List.copyOf(all.subList((int) (all.size() - n), all.size()));
    }

    /**
     * The verifier's reason from a libbpf log: the last message lines of the program load log (not
     * instruction dumps, source lines or the "processed N insns" summary; the kernel sometimes adds
     * a hint line after the error, so up to two are joined), or the last line when there is no load log.
     */
    public static String verifierReason(List<String> lines) {
        List<String> messages = new ArrayList<>();
        boolean inLog = false;
        for (String line : lines) {
            if (line.contains("-- BEGIN PROG LOAD LOG --")) {
                inLog = true;
                messages.clear();
            } else if (line.contains("-- END PROG LOAD LOG --")) {
                inLog = false;
            } else if (inLog && (line.matches("^\\d+: .*") || line.startsWith(";"))) {
                messages.clear(); // a message is what follows the last instruction dump
            } else if (inLog && isMessage(line)) {
                messages.add(line);
            }
        }
        if (!messages.isEmpty()) {
            return String.join(" - ", messages.subList(Math.max(0, messages.size() - 2), messages.size()));
        }
        return lines.isEmpty() ? "no libbpf log" : lines.getLast();
    }

    private static boolean isMessage(String line) {
        return !line.isBlank() && !line.startsWith("processed ")
                && !line.startsWith("verification time") && !line.startsWith("stack depth") && !line.startsWith("func#")
                && !line.startsWith("from ") && !line.startsWith("last_idx") && !line.startsWith("regs=");
    }

    @SuppressWarnings("unused") // upcall target
    private static int print(int level, MemorySegment format, MemorySegment args) {
        try {
            String text = format(format, args);
            Level to = level == LEVEL_WARN ? Level.DEBUG : Level.TRACE;
            if (LOG.isLoggable(to)) {
                LOG.log(to, text.strip());
            }
            if (level <= LEVEL_INFO) {
                ArrayDeque<String> recent = RECENT.get();
                long[] m = MARK.get();
                for (String line : text.split("\n")) {
                    if (!line.isBlank()) {
                        String l = line.strip();
                        recent.addLast(l.startsWith("libbpf: ") ? l.substring(8) : l);
                        m[1]++;
                        if (recent.size() > KEEP) {
                            recent.removeFirst();
                        }
                    }
                }
            }
        } catch (Throwable t) {
            // An exception escaping an upcall kills the JVM; a lost log line does not matter.
        }
        return 0;
    }

    private static String format(MemorySegment format, MemorySegment args) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            int size = 4096;
            if (VA_LIST_BYTES > 0) {
                MemorySegment copy = a.allocate(VA_LIST_BYTES, 16);
                copy.copyFrom(args.reinterpret(VA_LIST_BYTES));
                size = (int) vsnprintf.invokeExact(MemorySegment.NULL, 0L, format, copy) + 1;
                if (size <= 0) {
                    return "";
                }
            }
            MemorySegment buf = a.allocate(size);
            int n = (int) vsnprintf.invokeExact(buf, (long) size, format, args);
            return n < 0 ? "" : buf.getString(0);
        }
    }

    private static long vaListBytes() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> 24;
            case "aarch64" -> 32;
            default -> 0; // unknown ABI: format into a fixed buffer, never copy
        };
    }
}
