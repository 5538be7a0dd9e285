package io.xdpguard.console.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * What else was going on in each frame over 33 ms: a pause of this JVM's collector (from the collectors' own
 * notifications) or a kernel thread of the machine's memory management taking a core ({@code kdamond}, {@code kswapd}:
 * their time on a CPU from {@code /proc/PID/schedstat}, read every {@value #SAMPLE_MS} ms on a thread of its own).
 * This VM's kernel does not preempt its own threads (PREEMPT_NONE), so one of them running 20-40 ms holds one of the
 * two cores that long (README). Counted per burst, so that a figure says how much of it was the console.
 */
final class FrameCauses implements AutoCloseable {
    private static final int SAMPLE_MS = 5;
    private static final String GC_NOTIFICATION = "com.sun.management.gc.notification";
    /** A kernel thread that ran at least this long in a frame is counted as having taken a core from it. */
    private static final long KERNEL_NS = 5_000_000L;

    /** A stretch of time, System.nanoTime() based. */
    record Span(long startNanos, long endNanos) {
        boolean overlaps(Span o) {
            return startNanos < o.endNanos && o.startNanos < endNanos;
        }
    }

    /** Cumulative CPU time of the watched kernel threads at one moment. */
    private record Sample(long atNanos, long cpuNanos) {
    }

    /** A collector's pause as reported: start and end in the collectors' clock, and when the report came. */
    private record Pause(String collector, long startMillis, long endMillis, long arrivedNanos) {
    }

    private final ConcurrentLinkedQueue<Pause> pauses = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    /** The kernel's memory-management threads (DAMON's kdamond, kswapd): their /proc/PID folders and names. */
    private final List<Path> watched = new ArrayList<>();
    private final List<String> watchedNames = new ArrayList<>();
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    /** {@code kernel}: the kernel's threads now, from which the memory-management ones are watched. */
    FrameCauses(MachineClock.KernelCpu kernel) {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                NotificationListener listener = this::collected;
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException ignored) {
                        // Already gone.
                    }
                });
            }
        }
        kernel.byPid().forEach((pid, thread) -> {
            if (thread.name().startsWith("kdamond") || thread.name().startsWith("kswapd")) {
                watched.add(Path.of("/proc", pid));
                watchedNames.add(thread.name());
            }
        });
        sampler = Thread.ofPlatform().name("xg-bench-kernel-sampler").daemon(true).start(this::sample);
    }

    /**
     * A collector's notification ({@code com.sun.management.GarbageCollectionNotificationInfo}, read as the open data it
     * is: that class's module is not one the console reads).
     */
    private void collected(Notification n, Object handback) {
        if (!GC_NOTIFICATION.equals(n.getType()) || !(n.getUserData() instanceof CompositeData data)) {
            return;
        }
        // G1 reports pauses only (its "Concurrent GC" bean: the remark and cleanup pauses); ZGC's "Cycles" beans
        // report concurrent cycles, which are not pauses.
        if (String.valueOf(data.get("gcName")).contains("Cycles")) {
            return;
        }
        CompositeData info = (CompositeData) data.get("gcInfo");
        pauses.add(new Pause(String.valueOf(data.get("gcName")), (Long) info.get("startTime"), (Long) info.get("endTime"),
                System.nanoTime()));
    }

    /**
     * The pauses as spans of System.nanoTime(). The collectors' clock counts milliseconds from a moment of the JVM's
     * start that no API gives, so the offset is taken from the notifications themselves: each arrives a little after
     * its pause ended, and the earliest arrival relative to its end bounds the offset best.
     */
    private List<Span> pauseSpans() {
        long offset = pauses.stream().mapToLong(p -> p.arrivedNanos() - p.endMillis() * 1_000_000L).min().orElse(0);
        // A pause under a millisecond reads as 0 ms: stretch it to one.
        return pauses.stream().map(p -> new Span(offset + p.startMillis() * 1_000_000L,
                offset + Math.max(p.endMillis(), p.startMillis() + 1) * 1_000_000L)).toList();
    }

    /**
     * "4 (G1 Young Generation 3, G1 Concurrent GC 1), 71 ms in all, the longest 24 ms": the collector's pauses from
     * when this was made until it was closed, per collector bean (G1's concurrent one reports the remark and cleanup pauses).
     */
    String pauses() {
        List<Pause> all = List.copyOf(pauses);
        if (all.isEmpty()) {
            return "none";
        }
        var byCollector = new TreeMap<String, Integer>();
        long total = 0;
        long longest = 0;
        for (Pause p : all) {
            byCollector.merge(p.collector(), 1, Integer::sum);
            total += p.endMillis() - p.startMillis();
            longest = Math.max(longest, p.endMillis() - p.startMillis());
        }
        return String.format(Locale.ROOT, "%d (%s), %d ms in all, the longest %d ms", all.size(),
                byCollector.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")), total, longest);
    }

    private void sample() {
        List<FileChannel> files = new ArrayList<>();
        for (Path p : watched) {
            try {
                files.add(FileChannel.open(p.resolve("schedstat")));
            } catch (IOException gone) {
                // Ended since: nothing to count.
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate(128);
        while (running && !files.isEmpty()) {
            long cpu = 0;
            for (FileChannel f : files) {
                cpu += schedNanos(f, buffer);
            }
            samples.add(new Sample(System.nanoTime(), cpu));
            try {
                TimeUnit.MILLISECONDS.sleep(SAMPLE_MS);
            } catch (InterruptedException e) {
                break;
            }
        }
        for (FileChannel f : files) {
            try {
                f.close();
            } catch (IOException ignored) {
                // Read-only: nothing lost.
            }
        }
    }

    /**
     * "6 during a collector's pause, 7 while kdamond.0 ran 5 ms or more of it (2 of them both), 4 with neither; the
     * target allows 5 of 580 frames; by chance (windows of the same lengths anywhere in the burst) 1.1 and 1.3" for
     * the frames over 33 ms among {@code all}: a cause is only a cause if the slow frames have it far more often than
     * chance would give them.
     */
    String describe(List<Span> slow, List<Span> all) {
        List<Span> paused = pauseSpans();
        Samples cpu = Samples.of(List.copyOf(samples));
        int gc = 0;
        int kernel = 0;
        int both = 0;
        double gcByChance = 0;
        double kernelByChance = 0;
        long from = all.isEmpty() ? 0 : all.getFirst().startNanos();
        long to = all.isEmpty() ? 0 : all.getLast().endNanos();
        for (Span f : slow) {
            boolean inPause = paused.stream().anyMatch(f::overlaps);
            boolean kernelRan = kernelNanos(cpu, f) >= KERNEL_NS;
            gc += inPause ? 1 : 0;
            kernel += kernelRan ? 1 : 0;
            both += inPause && kernelRan ? 1 : 0;
            // The same window slid over the burst in steps of a sampling period.
            long length = f.endNanos() - f.startNanos();
            int windows = 0;
            int withPause = 0;
            int withKernel = 0;
            for (long t = from; t + length <= to; t += SAMPLE_MS * 1_000_000L) {
                Span w = new Span(t, t + length);
                windows++;
                withPause += paused.stream().anyMatch(w::overlaps) ? 1 : 0;
                withKernel += kernelNanos(cpu, w) >= KERNEL_NS ? 1 : 0;
            }
            gcByChance += windows == 0 ? 0 : (double) withPause / windows;
            kernelByChance += windows == 0 ? 0 : (double) withKernel / windows;
        }
        String who = watchedNames.isEmpty() ? "a memory-management kernel thread (none on this machine)"
                : String.join(" or ", watchedNames);
        return String.format(Locale.ROOT, "%d during a collector's pause, %d while %s ran %d ms or more of it (%d of them"
                        + " both), %d with neither; the target allows %d of %d frames; by chance (windows of the same"
                        + " lengths anywhere in the burst) %.1f and %.1f", gc, kernel, who, KERNEL_NS / 1_000_000, both,
                slow.size() - gc - kernel + both, all.size() / 100, all.size(), gcByChance, kernelByChance);
    }

    /** The samples in two arrays, times and CPU, for binary search. */
    private record Samples(long[] at, long[] cpu) {
        static Samples of(List<Sample> list) {
            return new Samples(list.stream().mapToLong(Sample::atNanos).toArray(),
                    list.stream().mapToLong(Sample::cpuNanos).toArray());
        }
    }

    /**
     * CPU time the watched kernel threads had within {@code f}, from the samples around it; up to a sampling period
     * more on each side, the same for every window compared.
     */
    private static long kernelNanos(Samples samples, Span f) {
        int before = Arrays.binarySearch(samples.at(), f.startNanos());
        before = before >= 0 ? before : -before - 2;
        int after = Arrays.binarySearch(samples.at(), f.endNanos());
        after = after >= 0 ? after : -after - 1;
        if (before < 0 || after >= samples.at().length) {
            return 0;
        }
        return samples.cpu()[after] - samples.cpu()[before];
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        unsubscribe.forEach(Runnable::run);
    }

    /**
     * The first number of a schedstat file (nanoseconds on a CPU), read again from its start into {@code buffer}: the
     * sampler runs 200 times a second, and a new string per read was 30 MB per burst for the collector to clear.
     */
    private static long schedNanos(FileChannel file, ByteBuffer buffer) {
        try {
            buffer.clear();
            file.read(buffer, 0);
            long nanos = 0;
            for (int i = 0; i < buffer.position(); i++) {
                byte b = buffer.get(i);
                if (b < '0' || b > '9') {
                    break;
                }
                nanos = nanos * 10 + (b - '0');
            }
            return nanos;
        } catch (IOException gone) {
            return 0;
        }
    }
}
