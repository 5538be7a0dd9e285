package io.xdpguard.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.agent.guard.GuardEvent;
import io.xdpguard.agent.guard.GuardMode;
import io.xdpguard.protocol.Action;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertKind;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Severity;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IncidentTrackerTest {
    private final AtomicLong wall = new AtomicLong(1_700_000_000_000L);
    private final AtomicLong mono = new AtomicLong(5_000_000_000L);
    private final AtomicLong seq = new AtomicLong(41);
    private final List<Alert> alerts = new ArrayList<>();
    private final IncidentTracker tracker = new IncidentTracker("lab", "h1", Duration.ofSeconds(3), wall::get,
            mono::get, seq::getAndIncrement, alerts::add);

    private static GuardEvent target(long syn, long ack, String source, long sourceSyn) throws Exception {
        return new GuardEvent(GuardEvent.Kind.TARGET_SYN, 1L, 1_700_000_000_000L, GuardMode.MONITOR,
                InetAddress.getByName("198.18.0.2"), 80, InetAddress.getByName(source), syn, ack, sourceSyn, 50, 5000,
                GuardEvent.Action.OBSERVED);
    }

    private static GuardEvent source(String source, long sourceSyn, GuardEvent.Action action, int port)
            throws Exception {
        return new GuardEvent(GuardEvent.Kind.SOURCE_SYN, 1L, 1_700_000_000_000L, GuardMode.ENFORCE,
                InetAddress.getByName("198.18.0.2"), port, InetAddress.getByName(source), 10, 0, sourceSyn, 50, 1000,
                action);
    }

    private void advance(long ms) {
        wall.addAndGet(ms);
        mono.addAndGet(ms * 1_000_000);
    }

    @Test
    void aFloodStartsUpdatesAndEndsAfterTheQuietPeriod() throws Exception {
        tracker.onEvent(target(500, 1, "198.19.0.9", 500)); // 10,000 SYN/s in a 50 ms window
        advance(1000);
        tracker.onEvent(target(1100, 0, "198.19.0.9", 1100));
        advance(2999);
        tracker.tick();
        assertThat(alerts).hasSize(2);
        advance(1);
        tracker.tick();

        assertThat(alerts).extracting(Alert::state).containsExactly(AlertState.START, AlertState.UPDATE, AlertState.END);
        assertThat(alerts).extracting(Alert::seq).containsExactly(41L, 42L, 43L);
        assertThat(alerts).extracting(Alert::incident).containsOnly(alerts.get(0).incident());
        assertThat(alerts).extracting(Alert::id).doesNotHaveDuplicates();
        Alert start = alerts.get(0);
        assertThat(start.kind()).isEqualTo(AlertKind.SYN_FLOOD);
        assertThat(start.synPerSec()).isEqualTo(10_000);
        assertThat(start.thresholdPerSec()).isEqualTo(5000);
        assertThat(start.target().toString()).isEqualTo("198.18.0.2:80");
        assertThat(start.topSources()).first().satisfies(s -> assertThat(s.address()).isEqualTo("198.19.0.9"));
        assertThat(start.severity()).isEqualTo(Severity.HIGH);
        Alert end = alerts.get(2);
        assertThat(end.peakSynPerSec()).isEqualTo(22_000);
        assertThat(end.severity()).as("severity never drops within an incident").isEqualTo(Severity.CRITICAL);
        assertThat(end.endedAt()).isNotNull();
        assertThat(tracker.activeCount()).isZero();
    }

    @Test
    void aFlashCrowdThatCompletesItsHandshakesIsLowSeverity() throws Exception {
        tracker.onEvent(target(300, 290, "198.19.0.10", 3));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.LOW);
            assertThat(a.completionRatio()).isGreaterThan(0.9);
        });
    }

    @Test
    void aSourceOverItsThresholdFoldsIntoTheFloodOfItsTarget() throws Exception {
        tracker.onEvent(target(500, 0, "198.19.0.9", 500));
        tracker.onEvent(source("198.19.0.77", 200, GuardEvent.Action.DROPPED, 80));
        assertThat(alerts).extracting(Alert::state).containsExactly(AlertState.START, AlertState.UPDATE);
        assertThat(alerts.get(1).topSources()).extracting(s -> s.address()).contains("198.19.0.77", "198.19.0.9");
        assertThat(alerts.get(1).action()).isEqualTo(Action.DROPPED);
    }

    @Test
    void aSourceAloneOpensASourceIncident() throws Exception {
        tracker.onEvent(source("198.19.0.77", 100, GuardEvent.Action.WOULD_DROP, 22));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.SYN_SOURCE);
            assertThat(a.source().address()).isEqualTo("198.19.0.77");
            assertThat(a.synPerSec()).isEqualTo(2000);
            assertThat(a.action()).isEqualTo(Action.WOULD_DROP);
        });
        tracker.onEvent(source("198.19.0.77", 100, GuardEvent.Action.WOULD_DROP, 23));
        assertThat(alerts).as("nothing new within a second: no update").hasSize(1);
        advance(1000);
        tracker.onEvent(source("198.19.0.77", 120, GuardEvent.Action.WOULD_DROP, 24));
        assertThat(alerts).hasSize(2).last().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.UPDATE);
            assertThat(a.synPerSec()).isEqualTo(2400);
        });
    }

    @Test
    void aSourceIncidentLastsAsLongAsTheSourceEvenWhenItsTargetIsFlooded() throws Exception {
        tracker.onEvent(source("198.19.0.9", 100, GuardEvent.Action.OBSERVED, 80));
        tracker.onEvent(target(500, 0, "198.19.0.9", 500));
        for (int i = 0; i < 5; i++) {
            advance(1000);
            tracker.onEvent(source("198.19.0.9", 100, GuardEvent.Action.OBSERVED, 80));
            tracker.onEvent(target(500, 0, "198.19.0.9", 500));
            tracker.tick();
        }
        assertThat(alerts).extracting(Alert::state).doesNotContain(AlertState.END);
        assertThat(alerts).extracting(Alert::kind).contains(AlertKind.SYN_SOURCE, AlertKind.SYN_FLOOD);
    }

    @Test
    void incidentsOnDifferentTargetsAreSeparate() throws Exception {
        tracker.onEvent(target(500, 0, "198.19.0.9", 500));
        tracker.onEvent(new GuardEvent(GuardEvent.Kind.TARGET_SYN, 1L, 1L, GuardMode.MONITOR,
                InetAddress.getByName("198.18.0.2"), 443, InetAddress.getByName("198.19.0.9"), 500, 0, 500, 50, 5000,
                GuardEvent.Action.OBSERVED));
        assertThat(alerts).extracting(Alert::state).containsExactly(AlertState.START, AlertState.START);
        assertThat(alerts).extracting(Alert::incident).doesNotHaveDuplicates();
        assertThat(tracker.activeCount()).isEqualTo(2);
    }
}
