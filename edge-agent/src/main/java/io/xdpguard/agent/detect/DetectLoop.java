package io.xdpguard.agent.detect;

import io.xdpguard.agent.guard.GuardEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the {@link IncidentTracker} on its own thread ("xdpguard-detect"), fed by the ring-buffer thread
 * through a bounded queue, so the ring buffer is drained at once whatever the tracker and the outbox's
 * disk writes cost. Also ends quiet incidents.
 */
public final class DetectLoop implements AutoCloseable {
    private static final Logger LOG = System.getLogger("detect");
    private static final long TICK_MS = 100;

    private final IncidentTracker tracker;
    private final BlockingQueue<GuardEvent> queue = new ArrayBlockingQueue<>(65_536);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final Thread thread;
    private volatile boolean running = true;

    public DetectLoop(IncidentTracker tracker) {
        this.tracker = tracker;
        this.thread = Thread.ofPlatform().name("xdpguard-detect").unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Called on the ring-buffer thread; never blocks. */
    public void offer(GuardEvent event) {
        // The kernel already rate-limits events per key, so a full queue means the tracker is stuck.
        if (!queue.offer(event) && overflowed.compareAndSet(false, true)) {
            LOG.log(Level.ERROR, "incident tracker fell behind: kernel events are being dropped");
        }
    }

    public int activeIncidents() {
        return active.get();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                GuardEvent event = queue.poll(TICK_MS, TimeUnit.MILLISECONDS);
                if (event != null) {
                    tracker.onEvent(event);
                }
                tracker.tick();
                active.set(tracker.activeCount());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "event dropped by the incident tracker: " + e, e);
            }
        }
    }

    /** Processes what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
