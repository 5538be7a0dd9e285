package io.xdpguard.console.model;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * The start-up warm-up's scratch frames on their way to the FX thread, which rehearses the alert table with them
 * (view.WarmUpViews). Bounded: frames that find it full are dropped, since a warm-up needs some frames, not all of them.
 */
public final class WarmUpFrames {
    private static final int CAPACITY = 64;
    private final ArrayBlockingQueue<FrameDelta> frames = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean finished;
    private volatile boolean closed;

    /** From the warm-up thread; never blocks. */
    public void offer(FrameDelta frame) {
        if (!closed) {
            frames.offer(frame);
        }
    }

    /** From the FX thread: no more frames are wanted; those waiting are let go. */
    public void close() {
        closed = true;
        frames.clear();
    }

    /** From the warm-up thread: no frames will follow (also when it failed or there was none). */
    public void finish() {
        finished = true;
    }

    /** From the FX thread: the next frame, or null. */
    public FrameDelta poll() {
        return frames.poll();
    }

    /** Every frame has been offered and taken. */
    public boolean over() {
        return finished && frames.isEmpty();
    }
}
