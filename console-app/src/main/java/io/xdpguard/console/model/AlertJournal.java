package io.xdpguard.console.model;

import java.util.List;

/** Where alerts go to outlive the live window and the process: the history store. Must not block the caller. */
public interface AlertJournal {
    void recorded(List<AlertEntry> fresh);

    void acknowledged(List<AlertEntry> changed);

    AlertJournal NONE = new AlertJournal() {
        @Override
        public void recorded(List<AlertEntry> fresh) {
        }

        @Override
        public void acknowledged(List<AlertEntry> changed) {
        }
    };
}
