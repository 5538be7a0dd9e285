package io.xdpguard.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.agent.bpf.BpfTestObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A freshly loaded XDP Guard (own maps), its events in a queue, and test-run shortcuts. */
final class GuardHarness implements AutoCloseable {
    static final long MAX = GuardConfig.MAX_THRESHOLD;

    final XdpGuard guard;
    final BlockingQueue<GuardEvent> events = new LinkedBlockingQueue<>();

    private GuardHarness(XdpGuard guard) {
        this.guard = guard;
    }

    /** Loads, writes {@code config} (unless null: the kernel then uses its defaults) and starts events. */
    static GuardHarness start(GuardConfig config) throws GuardException {
        XdpGuard g = XdpGuard.load(BpfTestObjects.guard());
        try {
            GuardHarness h = new GuardHarness(g);
            if (config != null) {
                g.configure(config);
            }
            g.startEvents(h.events::add);
            return h;
        } catch (GuardException | RuntimeException e) {
            g.close();
            throw e;
        }
    }

    static GuardConfig config(GuardMode mode, int windowMs, long target, long source, int blockMs, int intervalMs) {
        return new GuardConfig(mode, windowMs, target, source, blockMs, intervalMs);
    }

    /** Runs one frame once; returns the verdict. */
    TestRun once(byte[] frame) throws GuardException {
        return guard.testRun(frame, 1);
    }

    /** Runs one frame {@code n} times in one BPF_PROG_TEST_RUN; returns the last verdict. */
    TestRun run(byte[] frame, int n) throws GuardException {
        return guard.testRun(frame, n);
    }

    GuardStats stats() {
        return guard.stats();
    }

    GuardEvent nextEvent() throws InterruptedException {
        GuardEvent e = events.poll(3, TimeUnit.SECONDS);
        assertThat(e).as("an event within 3 s").isNotNull();
        return e;
    }

    /** Waits {@code ms} and asserts nothing more arrived. */
    void expectNoEvent(long ms) throws InterruptedException {
        GuardEvent e = events.poll(ms, TimeUnit.MILLISECONDS);
        assertThat(e).as("no further event").isNull();
    }

    List<GuardEvent> drain(long settleMs) throws InterruptedException {
        Thread.sleep(settleMs);
        List<GuardEvent> out = new ArrayList<>();
        events.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        guard.close();
    }
}
