package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.store.AlertHistory;
import io.xdpguard.console.store.HistoryGate;
import io.xdpguard.protocol.Codec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts that come before the history is open are stored when it opens, in order, acknowledgements included. */
class HistoryGateTest {
    @TempDir
    Path dir;

    private AlertHistory open() throws Exception {
        return new AlertHistory(dir, new Codec().mapper(), Clock.systemUTC(), Duration.ofDays(1), 1_000);
    }

    @Test
    void alertsAndAcknowledgementsWaitForTheHistoryThenGoStraightThrough() throws Exception {
        long now = System.currentTimeMillis();
        HistoryGate gate = new HistoryGate();
        AlertEntry a = Messages.storedAlert("a", now - 3);
        gate.recorded(List.of(a, Messages.storedAlert("b", now - 2)));
        gate.acknowledged(List.of(a.acknowledge(now)));
        assertThat(gate.waiting()).isEqualTo(3);
        assertThat(gate.history()).isEmpty();
        assertThat(gate.opened()).isNotDone();

        try (AlertHistory h = open()) {
            gate.open(h);
            assertThat(gate.opened()).isCompletedWithValue(h);
            assertThat(gate.waiting()).isZero();
            gate.recorded(List.of(Messages.storedAlert("c", now - 1)));
            h.flush(Duration.ofSeconds(5));
            List<AlertEntry> stored = h.recent(10);
            assertThat(stored).extracting(e -> e.alert().id()).containsExactly("a", "b", "c");
            assertThat(stored.getFirst().acknowledgedAt()).isEqualTo(now);
        }
    }

    @Test
    void aHistoryThatNeverOpensCostsBoundedMemoryAndKeepsTheNewest() throws Exception {
        long now = System.currentTimeMillis();
        HistoryGate gate = new HistoryGate(2);
        for (String id : List.of("1", "2", "3")) {
            gate.recorded(List.of(Messages.storedAlert(id, now + id.charAt(0))));
        }
        assertThat(gate.waiting()).isEqualTo(2);
        try (AlertHistory h = open()) {
            gate.open(h);
            h.flush(Duration.ofSeconds(5));
            assertThat(h.recent(10)).extracting(e -> e.alert().id()).containsExactly("2", "3");
        }
    }

    @Test
    void alertsGivenUpUnderAFloodAreLoggedOncePerWindowNotOncePerBatch() {
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(HistoryGate.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            long now = System.currentTimeMillis();
            HistoryGate gate = new HistoryGate(10);
            for (int i = 0; i < 45; i++) {
                gate.recorded(List.of(Messages.storedAlert("a" + i, now + i)));
            }
            assertThat(gate.waiting()).isEqualTo(10);
            // 35 given up, one at a time: a line at the first, then at 10, 20 and 30.
            assertThat(warnings).containsExactly("event=history_not_open alerts_given_up=1",
                    "event=history_not_open alerts_given_up=10", "event=history_not_open alerts_given_up=20",
                    "event=history_not_open alerts_given_up=30");
        } finally {
            log.removeHandler(capture);
        }
    }
}
