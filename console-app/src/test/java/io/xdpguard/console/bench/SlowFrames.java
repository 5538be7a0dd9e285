package io.xdpguard.console.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.stage.Window;

/**
 * The burst's frames over {@value #TARGET_MS} ms (and among them those over {@value #SLOW_MS} ms), when they came and
 * whether a window (a desktop notification's popup) opened in them: a burst's p99 is a handful of such frames, and
 * where they fall says what they were. Also how much CPU the FX thread and the renderer had in each frame: a slow
 * frame in which they ran little waited for a core (or for a collector's pause), one in which they ran long was the
 * console's own work.
 * Recorded on the FX thread by its own timer; read after the burst.
 */
final class SlowFrames {
    private static final int SLOW_MS = 100;
    private static final int PRINTED = 8;
    private static final int TARGET_MS = 33;
    private static final int SECONDS = 12;

    /** A frame: from the pulse before to its own, System.nanoTime() based, and the CPU the two threads had in it. */
    private record Frame(FrameCauses.Span span, boolean windowOpened, long fxCpuNanos, long rendererCpuNanos) {
        double gapMillis() {
            return (span.endNanos() - span.startNanos()) / 1e6;
        }
    }

    /** Every frame over the target, in order. */
    private final List<Frame> overTarget = new ArrayList<>();
    /** Every frame, over the target or not: what is usual, to compare the slow ones with. */
    private final List<Frame> all = new ArrayList<>();
    private ThreadCpu fxThread;
    private ThreadCpu renderer;
    private long lastFxCpu;
    private long lastRendererCpu;
    private long startNanos;
    private long last;
    private int windows;
    private boolean openedBefore;
    private final int[] overTargetBySecond = new int[SECONDS];
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long fxCpu = fxThread.nanos();
            long rendererCpu = renderer.nanos();
            int open = Window.getWindows().size();
            // The popup may open in the frame before the slow gap is seen, or in the frame that ends it.
            boolean opened = open > windows;
            if (last != 0) {
                var frame = new Frame(new FrameCauses.Span(last, now), opened || openedBefore, fxCpu - lastFxCpu,
                        rendererCpu - lastRendererCpu);
                int second = (int) ((now - startNanos) / 1_000_000_000L);
                if (now - last > TARGET_MS * 1_000_000L) {
                    if (second < SECONDS) {
                        overTargetBySecond[second]++;
                    }
                    overTarget.add(frame);
                }
                all.add(frame);
            }
            last = now;
            lastFxCpu = fxCpu;
            lastRendererCpu = rendererCpu;
            windows = open;
            openedBefore = opened;
        }
    };

    /** On the FX thread: from now on (once; a new burst takes a new one). */
    void start() {
        fxThread = ThreadCpu.of(Thread.currentThread());
        // JavaFX's renderer thread (Prism): the FX thread hands it each frame to paint.
        renderer = ThreadCpu.named("QuantumRenderer");
        windows = Window.getWindows().size();
        startNanos = System.nanoTime();
        timer.start();
    }

    /** On the FX thread: stops; then {@link #slowest} and {@link #overTarget} describe the frames. */
    void stop() {
        timer.stop();
    }

    /** Each frame over {@value #TARGET_MS} ms as a span of System.nanoTime(), from the pulse before to its own. */
    List<FrameCauses.Span> overTargetSpans() {
        return overTarget.stream().map(Frame::span).toList();
    }

    /** Every frame of the burst as a span of System.nanoTime(). */
    List<FrameCauses.Span> allSpans() {
        return all.stream().map(Frame::span).toList();
    }

    /**
     * The CPU the FX thread and the renderer had per frame: over all frames (median, 90th percentile) and in the
     * frames over {@value #TARGET_MS} ms (median, most).
     */
    String cpu() {
        if (all.isEmpty()) {
            return "no frames";
        }
        String usual = String.format(Locale.ROOT, "in all frames (median, p90) FX thread %s, renderer %s",
                millis(all, Frame::fxCpuNanos, 0.5) + "/" + millis(all, Frame::fxCpuNanos, 0.9),
                millis(all, Frame::rendererCpuNanos, 0.5) + "/" + millis(all, Frame::rendererCpuNanos, 0.9));
        if (overTarget.isEmpty()) {
            return usual + " ms";
        }
        return usual + String.format(Locale.ROOT, " ms; in the frames over %d ms (median, most) FX thread %s, renderer %s ms",
                TARGET_MS, millis(overTarget, Frame::fxCpuNanos, 0.5) + "/" + millis(overTarget, Frame::fxCpuNanos, 1),
                millis(overTarget, Frame::rendererCpuNanos, 0.5) + "/" + millis(overTarget, Frame::rendererCpuNanos, 1));
    }

    private static String millis(List<Frame> frames, ToLongFunction<Frame> cpu, double quantile) {
        long[] sorted = frames.stream().mapToLong(cpu).sorted().toArray();
        int at = Math.min(sorted.length - 1, (int) (quantile * sorted.length));
        return String.format(Locale.ROOT, "%.1f", sorted[at] / 1e6);
    }

    /** Frames over {@value #TARGET_MS} ms in each second from the start. */
    String overTarget() {
        return Arrays.stream(overTargetBySecond).mapToObj(String::valueOf).collect(Collectors.joining(" "));
    }

    /** The frames over {@value #SLOW_MS} ms, slowest first. */
    String slowest() {
        List<Frame> slow = overTarget.stream().filter(f -> f.gapMillis() >= SLOW_MS).toList();
        if (slow.isEmpty()) {
            return "none";
        }
        return slow.size() + ": " + slow.stream()
                .sorted(Comparator.comparingDouble(Frame::gapMillis).reversed()).limit(PRINTED)
                .map(f -> describe(f, 1))
                .collect(Collectors.joining(", "));
    }

    /**
     * Every frame over {@value #TARGET_MS} ms, in order, to the millisecond: to set beside a trace of the machine
     * ({@code perf sched}) or the console's log.
     */
    String overTargetInOrder() {
        return overTarget.isEmpty() ? "none" : overTarget.stream().map(f -> describe(f, 3)).collect(Collectors.joining(", "));
    }

    private String describe(Frame f, int decimals) {
        return String.format(Locale.ROOT, "%.0f ms at +%." + decimals + "f s (FX thread %.1f ms, renderer %.1f ms of CPU)%s",
                f.gapMillis(), (f.span().endNanos() - startNanos) / 1e9, f.fxCpuNanos() / 1e6, f.rendererCpuNanos() / 1e6,
                f.windowOpened() ? " (a window opened)" : "");
    }
}
