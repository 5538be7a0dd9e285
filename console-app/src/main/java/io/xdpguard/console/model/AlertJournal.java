package io.xdpguard.console.model;

import java.util.List;

/** Where alerts go to outlive the live window and the process: the history store. Must not block the caller. */
public interface AlertJournal {
    void recorded(List<AlertEntry> fresh);

    void acknowledged(List<AlertEntry> changed);

    /**
     * Runs {@code then} once everything journaled before this call is on disk (the receive log's trimming waits
     * for it). A journal that keeps nothing runs it at once.
     */
    default void durable(Runnable then) {
        then.run();
    }

    /** Alerts handed to it that it gave up (a full queue, a failed write), since it was made; only grows. */
    default long lost() {
        return 0;
    }

    AlertJournal NONE = new AlertJournal() {
        @Override
        public void recorded(List<AlertEntry> fresh) {
        }

        @Override
        public void acknowledged(List<AlertEntry> changed) {
        }
    };
}
