package io.xdpguard.console.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.stage.Window;

/**
 * The burst's frames over {@value #TARGET_MS} ms (and among them those over {@value #SLOW_MS} ms), when they came and
 * whether a window (a desktop notification's popup) opened in them: a burst's p99 is a handful of such frames, and
 * where they fall says what they were.
 * Recorded on the FX thread by its own timer; read after the burst.
 */
final class SlowFrames {
    private static final int SLOW_MS = 100;
    private static final int PRINTED = 8;
    private static final int TARGET_MS = 33;
    private static final int SECONDS = 12;

    /** A frame: from the pulse before to its own, System.nanoTime() based. */
    private record Frame(FrameCauses.Span span, boolean windowOpened) {
        double gapMillis() {
            return (span.endNanos() - span.startNanos()) / 1e6;
        }
    }

    /** Every frame over the target, in order. */
    private final List<Frame> overTarget = new ArrayList<>();
    /** Every frame, over the target or not, as a span of System.nanoTime(): what is usual, to compare the slow ones with. */
    private final List<FrameCauses.Span> all = new ArrayList<>();
    private long startNanos;
    private long last;
    private int windows;
    private boolean openedBefore;
    private final int[] overTargetBySecond = new int[SECONDS];
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            int open = Window.getWindows().size();
            // The popup may open in the frame before the slow gap is seen, or in the frame that ends it.
            boolean opened = open > windows;
            if (last != 0) {
                var frame = new FrameCauses.Span(last, now);
                int second = (int) ((now - startNanos) / 1_000_000_000L);
                if (now - last > TARGET_MS * 1_000_000L) {
                    if (second < SECONDS) {
                        overTargetBySecond[second]++;
                    }
                    overTarget.add(new Frame(frame, opened || openedBefore));
                }
                all.add(frame);
            }
            last = now;
            windows = open;
            openedBefore = opened;
        }
    };

    /** On the FX thread: from now on (once; a new burst takes a new one). */
    void start() {
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
        return List.copyOf(all);
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
        return String.format(Locale.ROOT, "%.0f ms at +%." + decimals + "f s%s", f.gapMillis(),
                (f.span().endNanos() - startNanos) / 1e9,
                f.windowOpened() ? " (a window opened)" : "");
    }
}
