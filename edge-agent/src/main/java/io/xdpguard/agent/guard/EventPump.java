package io.xdpguard.agent.guard;

import io.xdpguard.agent.bpf.BpfException;
import io.xdpguard.agent.bpf.RingBuffer;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/**
 * The one thread that drains the events ring buffer ("xdpguard-ringbuf"). It blocks in epoll for at
 * most {@link #POLL_MS} at a time, so {@link #stop()} returns within about that long, and hands each
 * event to the sink on this thread as soon as libbpf sees it.
 */
final class EventPump implements Runnable {
    static final String THREAD_NAME = "xdpguard-ringbuf";
    static final int POLL_MS = 10;
    private static final System.Logger LOG = System.getLogger(EventPump.class.getName());

    private final RingBuffer ring;
    private final Thread thread;
    private volatile boolean running = true;

    private EventPump(RingBuffer ring) {
        this.ring = ring;
        this.thread = Thread.ofPlatform().name(THREAD_NAME).daemon(true).unstarted(this);
    }

    /** Opens the ring buffer on the caller's thread (so errors surface there), then starts polling. */
    static EventPump start(io.xdpguard.agent.bpf.BpfMap events, long offsetNs, Consumer<GuardEvent> sink)
            throws BpfException {
        RingBuffer ring = RingBuffer.open(events, record -> sink.accept(Layouts.readEvent(record, offsetNs)));
        EventPump pump = new EventPump(ring);
        pump.thread.start();
        return pump;
    }

    @Override
    public void run() {
        Throwable reported = null;
        try {
            while (running) {
                ring.poll(POLL_MS);
                Throwable failure = ring.handlerFailure();
                if (failure != null && failure != reported) {
                    reported = failure;
                    LOG.log(Level.WARNING, "event sink failed; later failures are not logged", failure);
                }
            }
        } catch (BpfException | RuntimeException e) {
            LOG.log(Level.ERROR, "XDP Guard event reader stopped: " + e.getMessage(), e);
        } finally {
            ring.close();
        }
    }

    /** Stops polling and waits for the thread, which frees the ring buffer on its way out. */
    void stop() {
        running = false;
        if (Thread.currentThread() == thread) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
