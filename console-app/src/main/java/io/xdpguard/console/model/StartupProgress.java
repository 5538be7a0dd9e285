package io.xdpguard.console.model;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What the console is still doing to get started, for the window: it opens while the alert history and the
 * keyring are still being opened on their own threads, and says so. Written by the start-up threads, read by
 * the FX thread once per frame; thread-safe.
 */
public final class StartupProgress {
    public enum Phase {
        RUNNING, DONE, FAILED
    }

    /** One start-up step: where it is, and the words the analyst sees for it. */
    public record Step(Phase phase, String text) {
        public static Step running(String text) {
            return new Step(Phase.RUNNING, text);
        }

        public static Step done(String text) {
            return new Step(Phase.DONE, text);
        }

        public static Step failed(String text) {
            return new Step(Phase.FAILED, text);
        }
    }

    /** Both steps at one moment (the window compares snapshots to redraw only on a change). */
    public record Snapshot(Step history, Step secrets) {
        public boolean busy() {
            return history.phase() == Phase.RUNNING || secrets.phase() == Phase.RUNNING;
        }
    }

    public static final String OPENING_HISTORY = "Opening alert history…";
    public static final String CHECKING_KEYRING = "Checking the desktop keyring…";

    private final AtomicReference<Snapshot> now = new AtomicReference<>(
            new Snapshot(Step.running(OPENING_HISTORY), Step.running(CHECKING_KEYRING)));

    public Snapshot snapshot() {
        return now.get();
    }

    public void history(Step step) {
        now.updateAndGet(s -> new Snapshot(step, s.secrets()));
    }

    public void secrets(Step step) {
        now.updateAndGet(s -> new Snapshot(s.history(), step));
    }
}
