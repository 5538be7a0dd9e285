package io.xdpguard.console.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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
                    ProcStat stat = ProcStat.of(task);
                    if (stat == null) {
                        continue;
                    }
                    if (stat.name().startsWith("C1 Compiler")) {
                        c1 += stat.cpuTicks();
                    } else if (stat.name().startsWith("C2 Compiler")) {
                        c2 += stat.cpuTicks();
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

    /**
     * CPU time of the kernel's own threads, by name (clock ticks, from /proc). On this VM one of them, kdamond.0
     * (DAMON, which samples memory every 0.5 s for the host's page-cache reclaim), took a core for 8-44 ms at every
     * sample while a burst came in, and most of a warm burst's frames over 33 ms fell in those samples
     * ({@code perf sched}, README): a figure is only comparable with others if that is printed beside it.
     */
    record KernelCpu(Map<String, KernelThread> byPid) {
        private static final Path PROC = Path.of("/proc");
        /** The kernel's flag for its own threads (PF_KTHREAD), in a process's stat flags. */
        private static final long KERNEL_THREAD = 0x00200000L;

        /** A kworker's name says what it works on at the moment, so threads are matched by pid, not by name. */
        record KernelThread(String name, long ticks) {
        }

        static KernelCpu now() {
            Map<String, KernelThread> threads = new HashMap<>();
            try (var processes = Files.list(PROC)) {
                for (Path p : processes.toList()) {
                    String pid = p.getFileName().toString();
                    if (!pid.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    ProcStat stat = ProcStat.of(p);
                    if (stat != null && (stat.flags() & KERNEL_THREAD) != 0) {
                        threads.put(pid, new KernelThread(stat.name(), stat.cpuTicks()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return new KernelCpu(Map.of());
            }
            return new KernelCpu(threads);
        }

        /** "0.52 s of CPU (kdamond.0 0.45 s, kworker/1:2 0.03 s)": all kernel threads' CPU since {@code before}, the top ones named. */
        String since(KernelCpu before) {
            Map<String, Long> byName = new HashMap<>();
            byPid.forEach((pid, now) -> {
                KernelThread then = before.byPid.get(pid);
                long d = now.ticks() - (then == null ? 0 : then.ticks());
                if (d > 0) {
                    byName.merge(now.name(), d, Long::sum);
                }
            });
            long total = byName.values().stream().mapToLong(Long::longValue).sum();
            String top = byName.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(2)
                    .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue() / 100.0))
                    .collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "%.2f s of CPU%s", total / 100.0, top.isEmpty() ? "" : " (" + top + ")");
        }
    }

    /** A process's or thread's {@code stat} file from /proc: its name and the fields after it. */
    private record ProcStat(String name, String[] fields) {
        /** {@code dir}'s stat (a /proc/PID or /proc/self/task/TID folder), or null when it has gone meanwhile. */
        static ProcStat of(Path dir) {
            String stat;
            try {
                stat = Files.readString(dir.resolve("stat"));
            } catch (IOException gone) {
                return null;
            }
            // The name may hold spaces and parentheses: it ends at the last ')'.
            int close = stat.lastIndexOf(')');
            return new ProcStat(stat.substring(stat.indexOf('(') + 1, close), stat.substring(close + 2).split(" "));
        }

        /** After the name: state first, flags the 7th field, utime and stime the 12th and 13th (clock ticks). */
        long flags() {
            return Long.parseLong(fields[6]);
        }

        long cpuTicks() {
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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
