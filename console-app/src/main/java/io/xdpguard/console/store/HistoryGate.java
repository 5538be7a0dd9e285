package io.xdpguard.console.store;

import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.model.AlertJournal;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The fleet's journal while the alert history is not open yet. The console connects to its brokers without
 * waiting for the database (it opens on a start-up thread, and may fail, e.g. locked by another console), so
 * the first alerts can come before it: they and their acknowledgements wait here, in order, and go to the
 * history first when it opens; after that everything goes straight through. Bounded: past
 * 100,000 waiting alerts the oldest are given up (counted and logged), so a history that never
 * opens cannot eat the heap. Also where the views find the history once it is open. Thread-safe: the fleet
 * thread writes, a start-up thread opens, the FX thread reads.
 */
public final class HistoryGate implements AlertJournal {
    private static final System.Logger LOG = System.getLogger(HistoryGate.class.getName());
    private static final int MAX_WAITING = 100_000;

    /** What waits: alerts, acknowledgements, or a callback for when what came before is on disk. */
    private record Held(boolean acknowledgement, List<AlertEntry> entries, Runnable durable) {
    }

    private final int maxWaiting;
    private final ArrayDeque<Held> waiting = new ArrayDeque<>();
    private final CompletableFuture<AlertHistory> opened = new CompletableFuture<>();
    private int waitingEntries;
    private long givenUp;

    public HistoryGate() {
        this(MAX_WAITING);
    }

    /** {@code maxWaiting}: alerts kept for a history that is not open yet (tests use a small one). */
    public HistoryGate(int maxWaiting) {
        this.maxWaiting = maxWaiting;
    }

    @Override
    public void recorded(List<AlertEntry> fresh) {
        pass(new Held(false, fresh, null));
    }

    @Override
    public void acknowledged(List<AlertEntry> changed) {
        pass(new Held(true, changed, null));
    }

    /** Held, in order, while the history is not open: what came before it is not on disk yet. */
    @Override
    public void durable(Runnable then) {
        pass(new Held(false, List.of(), then));
    }

    private void pass(Held held) {
        // Read without the lock on the fleet thread's every journal call; completed once, under the lock.
        AlertHistory h = opened.getNow(null);
        if (h != null) {
            forward(h, held);
            return;
        }
        synchronized (this) {
            if (opened.isDone()) {
                forward(opened.join(), held);
                return;
            }
            waiting.add(held);
            waitingEntries += held.entries().size();
            while (waitingEntries > maxWaiting && waiting.size() > 1) {
                int n = waiting.removeFirst().entries().size();
                waitingEntries -= n;
                long before = givenUp;
                givenUp += n;
                // Once, then once per further maxWaiting given up: under a flood a line per batch would
                // bury everything else in the journal.
                if (before == 0 || before / maxWaiting != givenUp / maxWaiting) {
                    LOG.log(Level.WARNING, "event=history_not_open alerts_given_up={0}", givenUp);
                }
            }
        }
    }

    /** The history is open: what waited goes to it first, in the order it came; then everything goes through. */
    public synchronized void open(AlertHistory h) {
        for (Held held : waiting) {
            forward(h, held);
        }
        if (waitingEntries > 0) {
            LOG.log(Level.INFO, "event=history_opened_late alerts_waiting={0}", waitingEntries);
        }
        waiting.clear();
        waitingEntries = 0;
        opened.complete(h);
    }

    @Override
    public long lost() {
        long gaveUp;
        synchronized (this) {
            gaveUp = givenUp;
        }
        // Not under this lock: the history thread asks, and open() may wait on its queue while holding it.
        AlertHistory h = opened.getNow(null);
        return gaveUp + (h == null ? 0 : h.lost());
    }

    /** The history, once it is open. */
    public Optional<AlertHistory> history() {
        return Optional.ofNullable(opened.getNow(null));
    }

    /** Completes when the history opens (never, if it cannot be opened). */
    public CompletableFuture<AlertHistory> opened() {
        return opened;
    }

    /** Alerts and acknowledgements received and not stored yet, because the history is not open. */
    public synchronized int waiting() {
        return waitingEntries;
    }

    private static void forward(AlertHistory h, Held held) {
        if (held.durable() != null) {
            h.durable(held.durable());
        } else if (held.acknowledgement()) {
            h.acknowledged(held.entries());
        } else {
            h.recorded(held.entries());
        }
    }
}
