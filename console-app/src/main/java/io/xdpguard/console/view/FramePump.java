package io.xdpguard.console.view;

import io.xdpguard.console.model.FrameDelta;
import io.xdpguard.console.model.LatencyRecorder;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javafx.animation.AnimationTimer;

/**
 * The FX thread's only way in: on every pulse, take whatever the fleet thread collected since the last one
 * as ONE batch and hand it to the views; once a second, refresh what ages (last seen, counters). It also
 * measures the gap between pulses, which is what an analyst feels as smoothness.
 */
final class FramePump extends AnimationTimer {
    private final java.util.function.Supplier<FrameDelta> source;
    private final Consumer<FrameDelta> apply;
    private final Runnable everyFrame;
    private final LongConsumer everySecond;
    private final LatencyRecorder gaps;
    private long lastPulse;
    private long nextSecond;

    FramePump(java.util.function.Supplier<FrameDelta> source, Consumer<FrameDelta> apply, Runnable everyFrame,
              LongConsumer everySecond, LatencyRecorder gaps) {
        this.source = source;
        this.apply = apply;
        this.everyFrame = everyFrame;
        this.everySecond = everySecond;
        this.gaps = gaps;
    }

    @Override
    public void handle(long now) {
        if (lastPulse != 0) {
            gaps.recordMicros((now - lastPulse) / 1_000);
        }
        lastPulse = now;
        FrameDelta d = source.get();
        if (d != null) {
            apply.accept(d);
        }
        everyFrame.run();
        if (now >= nextSecond) {
            nextSecond = now + 1_000_000_000L;
            everySecond.accept(System.currentTimeMillis());
        }
    }
}
