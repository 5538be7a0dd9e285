package io.xdpguard.console.ingest;

import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.model.AlertJournal;
import io.xdpguard.console.model.AlertKey;
import io.xdpguard.console.model.Diagnostics;
import io.xdpguard.console.model.FleetLimits;
import io.xdpguard.console.model.FleetState;
import io.xdpguard.console.model.FrameDelta;
import io.xdpguard.console.model.HostKey;
import io.xdpguard.console.model.Inbound;
import io.xdpguard.console.model.RateHistory;
import io.xdpguard.console.sched.Background;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one thread ("xg-fleet") that owns the fleet state. Receive threads {@link #offer} decoded messages
 * and never block; the FX thread {@link #takeFrame() takes} everything changed since its last frame as one
 * {@link FrameDelta}. Acknowledgements from the UI come in through the same queue, so state has one writer.
 */
public final class FleetPipeline implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FleetPipeline.class.getName());
    private static final int QUEUE_CAPACITY = 65_536;
    private static final int BATCH = 4_096;
    // Changes are handed to the FX thread at most every 5 ms (a third of a frame): sealing after every message
    // under a burst of thousands a second cost more than applying them (snapshots, copies, the hand-off lock).
    private static final long SEAL_EVERY_NS = 5_000_000L;
    // Incident groups at most four times a second: they are read by a person, and a busy group is re-summarised
    // from all its members each time (see FleetState#seal(boolean)).
    private static final long INCIDENTS_EVERY_NS = 250_000_000L;

    private sealed interface Event {
    }

    private record Message(Inbound inbound) implements Event {
    }

    private record Acknowledge(List<AlertKey> keys) implements Event {
    }

    private record Restore(List<AlertEntry> entries) implements Event {
    }

    private record Durable(Runnable then) implements Event {
    }

    private final FleetState state;
    private final Diagnostics diagnostics;
    private final AlertJournal journal;
    private final Clock clock;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final FrameDelta.Builder pending = new FrameDelta.Builder();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long applied;
    private volatile long duplicates;
    private final AtomicLong overloaded = new AtomicLong();

    public FleetPipeline(FleetLimits limits, Diagnostics diagnostics, AlertJournal journal, Clock clock) {
        this.state = new FleetState(limits);
        this.diagnostics = diagnostics;
        this.journal = journal;
        this.clock = clock;
        this.thread = Background.thread("xg-fleet", Background.INGEST, this::run);
    }

    public FleetPipeline start() {
        thread.start();
        return this;
    }

    /** From any receive thread; drops (and counts) rather than block when the console cannot keep up. */
    public void offer(Inbound inbound) {
        if (queue.offer(new Message(inbound))) {
            diagnostics.accepted();
        } else {
            overloaded.incrementAndGet();
            diagnostics.overloaded();
        }
    }

    /** Messages dropped for overload here, and alerts the journal gave up: they only grow (the receive log). */
    public long lost() {
        return overloaded.get() + journal.lost();
    }

    public void acknowledge(List<AlertKey> keys) {
        if (!keys.isEmpty()) {
            enqueueControl(new Acknowledge(List.copyOf(keys)));
        }
    }

    public void restore(List<AlertEntry> entries) {
        enqueueControl(new Restore(List.copyOf(entries)));
    }

    /**
     * Runs {@code then} once every message offered before this call is applied and its alerts are on disk in the
     * history (the receive log deletes a segment then). Waits for room in a full queue, like a user's action.
     */
    public void durable(Runnable then) {
        enqueueControl(new Durable(then));
    }

    private void enqueueControl(Event e) {
        try {
            // A user's action must not be lost to a full queue: wait for room instead.
            while (running && !queue.offer(e, 100, TimeUnit.MILLISECONDS)) {
                LOG.log(Level.DEBUG, "fleet queue full; waiting to enqueue {0}", e.getClass().getSimpleName());
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called once per frame by the FX thread. */
    public FrameDelta takeFrame() {
        synchronized (pending) {
            if (pending.isEmpty()) {
                return null;
            }
            FrameDelta d = pending.build();
            pending.clear();
            return d;
        }
    }

    public RateHistory history(HostKey key) {
        return key == null ? state.fleetHistory() : state.history(key);
    }

    public long applied() {
        return applied;
    }

    public int queued() {
        return queue.size();
    }

    private void run() {
        List<Event> batch = new ArrayList<>(BATCH);
        long nextTick = clock.millis() + 1_000;
        long lastSeal = System.nanoTime();
        long lastIncidents = lastSeal;
        boolean unsealed = false;
        while (running) {
            try {
                long waitNs = unsealed ? SEAL_EVERY_NS - (System.nanoTime() - lastSeal)
                        : TimeUnit.MILLISECONDS.toNanos(nextTick - clock.millis());
                Event first = queue.poll(Math.max(100_000, waitNs), TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    for (Event e : batch) {
                        handle(e);
                    }
                    applied += batch.size();
                    duplicates = state.duplicates();
                    batch.clear();
                    unsealed = true;
                }
                long now = clock.millis();
                if (now >= nextTick) {
                    state.tick(now);
                    nextTick = now + 1_000;
                    unsealed = true;
                }
                long ns = System.nanoTime();
                if (unsealed && ns - lastSeal >= SEAL_EVERY_NS) {
                    state.journalFresh(journal);
                    boolean incidentsDue = ns - lastIncidents >= INCIDENTS_EVERY_NS;
                    if (incidentsDue) {
                        lastIncidents = ns;
                    }
                    FrameDelta d = state.seal(incidentsDue);
                    lastSeal = ns;
                    unsealed = state.incidentsPending();
                    if (!d.isEmpty()) {
                        synchronized (pending) {
                            pending.add(d);
                        }
                    }
                }
            } catch (InterruptedException ie) {
                break;
            } catch (RuntimeException e) {
                // One bad event must not stop the fleet view; it is logged and the loop goes on.
                LOG.log(Level.ERROR, "fleet update failed: " + e, e);
            }
        }
        journalWhatIsLeft();
    }

    /**
     * On close (the window closed, or SIGTERM at logout): the alerts already taken from the broker, acknowledged to
     * it and still queued here or not yet journaled go to the history, which the console closes next. Before, the
     * last few hundred milliseconds of alerts were lost at every stop.
     */
    private void journalWhatIsLeft() {
        List<Event> left = new ArrayList<>();
        queue.drainTo(left);
        for (Event e : left) {
            try {
                handle(e);
            } catch (RuntimeException bad) {
                LOG.log(Level.ERROR, "fleet update failed: " + bad, bad);
            }
        }
        int fresh = state.journalFresh(journal);
        if (!left.isEmpty() || fresh > 0) {
            LOG.log(Level.INFO, "event=fleet_closed events_applied_on_close={0} alerts_journaled_on_close={1}",
                    left.size(), fresh);
        }
    }

    private void handle(Event e) {
        switch (e) {
            case Message m -> state.apply(m.inbound());
            case Acknowledge a -> {
                List<AlertEntry> changed = state.acknowledge(a.keys(), clock.millis());
                if (!changed.isEmpty()) {
                    journal.acknowledged(changed);
                }
            }
            case Restore r -> state.restore(r.entries());
            case Durable d -> {
                state.journalFresh(journal);
                journal.durable(d.then());
            }
        }
    }

    public long duplicates() {
        return duplicates;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
