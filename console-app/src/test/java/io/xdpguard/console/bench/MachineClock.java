package io.xdpguard.console.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * How fast the machine itself was while a figure was taken. This VM's speed drifts by the hour (the same code gave a
 * cold-burst publish→row p99 of 170–500 ms at one hour and 60–120 ms at the next), so each figure is printed with
 * the CPU time the hypervisor took away (steal, from /proc/stat) and the time of a fixed piece of work.
 */
final class MachineClock {
    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final int REFERENCE_LONGS = 2_000_000;

    /** The machine's CPU time counters (all cores, in clock ticks), or zeros where /proc/stat is missing. */
    record Ticks(long total, long idle, long steal) {
        static Ticks now() {
            try {
                String[] f = Files.readAllLines(PROC_STAT).getFirst().trim().split("\\s+");
                long[] v = Arrays.stream(f, 1, f.length).mapToLong(Long::parseLong).toArray();
                // user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user/nice]
                long total = 0;
                for (int i = 0; i < Math.min(8, v.length); i++) {
                    total += v[i];
                }
                return new Ticks(total, v[3] + v[4], v.length > 7 ? v[7] : 0);
            } catch (IOException | RuntimeException e) {
                return new Ticks(0, 0, 0);
            }
        }

        /** "busy 93 %, stolen 4 %" of all cores' time since {@code before}. */
        String since(Ticks before) {
            long t = total - before.total;
            if (t <= 0) {
                return "no /proc/stat";
            }
            return String.format(Locale.ROOT, "busy %.0f %%, stolen by the hypervisor %.1f %%",
                    100.0 * (t - (idle - before.idle) - (steal - before.steal)) / t, 100.0 * (steal - before.steal) / t);
        }
    }

    /**
     * CPU time of this JVM's JIT compiler threads (clock ticks of 10 ms, from /proc/self/task), or zeros where that
     * is missing. The JVM's own compilation time counts the wall time of each compilation, waits for a core
     * included; on two busy cores that is two to three times the CPU the compilers had.
     */
    record CompilerCpu(long c1, long c2) {
        private static final Path TASKS = Path.of("/proc/self/task");

        static CompilerCpu now() {
            long c1 = 0;
            long c2 = 0;
            try (var tasks = Files.list(TASKS)) {
                for (Path task : tasks.toList()) {
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                    } catch (IOException gone) {
                        continue;
                    }
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close);
                    boolean isC1 = name.startsWith("C1 Compiler");
                    if (!isC1 && !name.startsWith("C2 Compiler")) {
                        continue;
                    }
                    // After the name: state, then utime and stime are the 12th and 13th fields.
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    if (isC1) {
                        c1 += ticks;
                    } else {
                        c2 += ticks;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return new CompilerCpu(0, 0);
            }
            return new CompilerCpu(c1, c2);
        }

        /** "C2 3.9 s, C1 1.1 s" of CPU since {@code before}. */
        String since(CompilerCpu before) {
            return String.format(Locale.ROOT, "C2 %.1f s, C1 %.1f s", (c2 - before.c2) / 100.0, (c1 - before.c1) / 100.0);
        }
    }

    private MachineClock() {
    }

    /**
     * Milliseconds to sort 2 million pseudo-random longs on one thread, best of 5 after a warm-up round: a yardstick
     * to compare runs taken at different hours (integer and memory work on one core).
     */
    static double referenceMillis() {
        long[] data = new java.util.Random(1).longs(REFERENCE_LONGS).toArray();
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            long[] copy = data.clone();
            long t0 = System.nanoTime();
            Arrays.sort(copy);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (round > 0) {
                best = Math.min(best, ms);
            }
        }
        return best;
    }
}
