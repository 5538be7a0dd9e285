package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.model.FleetLimits;
import io.xdpguard.console.model.FleetState;
import io.xdpguard.console.model.FrameDelta;
import io.xdpguard.console.model.HostKey;
import io.xdpguard.console.model.HostSnapshot;
import io.xdpguard.console.model.IncidentGroup;
import io.xdpguard.console.model.Inbound;
import io.xdpguard.console.model.Liveness;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.CommandReply;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.HostState;
import io.xdpguard.protocol.Severity;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Thresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetStateTest {
    private static final long T0 = 1_800_000_000_000L;

    private static Inbound in(io.xdpguard.protocol.Message m, long at) {
        return new Inbound("b", m, false, at);
    }

    @Test
    void replayedAlertIdsAreShownOnce() {
        FleetState s = new FleetState(FleetLimits.defaults());
        var a = Messages.alert("s", "h", "id-1", "i", Severity.HIGH, AlertState.START, "198.18.0.1", null, T0);
        s.apply(in(a, T0));
        s.apply(in(a, T0 + 5));
        assertThat(s.seal().alerts()).hasSize(1);
        assertThat(s.takeFresh()).hasSize(1);
        assertThat(s.duplicates()).isEqualTo(1);
    }

    @Test
    void liveWindowIsBoundedButHistoryGetsEveryAlert() {
        FleetState s = new FleetState(new FleetLimits(10, 100, 1_000, 50, 5_000, 60));
        for (int i = 0; i < 250; i++) {
            s.apply(in(Messages.alert("s", "h", "id-" + i, "i" + i, Severity.LOW, AlertState.START,
                    "198.18.0." + (i % 200), null, T0), T0 + i));
        }
        assertThat(s.liveAlertCount()).isEqualTo(100);
        assertThat(s.takeFresh()).hasSize(250);
    }

    @Test
    void hostGoesSilentWithoutTelemetryThenOfflineByWillAndComesBack() {
        FleetState s = new FleetState(FleetLimits.defaults().withSilentAfter(3_000));
        s.apply(in(Messages.status("s", "h", HostState.ONLINE, GuardMode.MONITOR, T0), T0));
        s.apply(in(Messages.telemetry("s", "h", 10, 0, T0), T0));
        s.seal();
        s.tick(T0 + 2_000);
        assertThat(s.seal().hosts()).isEmpty();
        s.tick(T0 + 3_500);
        assertThat(s.seal().hosts()).singleElement().satisfies(h -> assertThat(h.liveness()).isEqualTo(Liveness.SILENT));
        // The will was composed at connect time, so it is older than the ONLINE status; it still wins.
        s.apply(in(Messages.status("s", "h", HostState.OFFLINE, GuardMode.MONITOR, T0 - 60_000), T0 + 4_000));
        FrameDelta d = s.seal();
        assertThat(d.hosts().getFirst().liveness()).isEqualTo(Liveness.OFFLINE);
        assertThat(d.hosts().getFirst().lastSeen()).isEqualTo(T0 + 4_000);
        s.apply(in(Messages.status("s", "h", HostState.ONLINE, GuardMode.ENFORCE, T0 + 9_000), T0 + 9_000));
        assertThat(s.seal().hosts().getFirst().liveness()).isEqualTo(Liveness.ONLINE);
    }

    @Test
    void tileSeverityFollowsActiveIncidentsAndClearsOnEnd() {
        FleetState s = new FleetState(FleetLimits.defaults());
        s.apply(in(Messages.alert("s", "h", "1", "inc", Severity.CRITICAL, AlertState.START, "198.18.0.1", null, T0), T0));
        assertThat(s.seal().hosts().getFirst().worst()).isEqualTo(Severity.CRITICAL);
        s.apply(in(Messages.alert("s", "h", "2", "inc", Severity.CRITICAL, AlertState.END, "198.18.0.1", null, T0), T0));
        assertThat(s.seal().hosts().getFirst().worst()).isNull();
    }

    private static HostSnapshot host(FrameDelta d, String name) {
        return d.hosts().stream().filter(h -> h.key().host().equals(name)).findFirst().orElseThrow();
    }

    private static IncidentGroup incident(FrameDelta d, String id) {
        return d.incidents().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void anIncidentWhoseEndIsLostExpiresAfterTheBoundAndAnUpdateRevivesIt() {
        FleetState s = new FleetState(FleetLimits.defaults().withIncidentExpiry(30_000));
        s.apply(in(Messages.status("s", "h", HostState.ONLINE, GuardMode.SHADOW, T0), T0));
        s.apply(in(Messages.alert("s", "h", "1", "inc", Severity.CRITICAL, AlertState.START, "198.18.0.1", null, T0), T0));
        s.apply(in(Messages.alert("s", "h", "2", "inc", Severity.HIGH, AlertState.UPDATE, "198.18.0.1", null, T0), T0 + 20_000));
        s.seal();

        // 30 s after the START but only 10 s after the last update: still going on.
        s.tick(T0 + 30_500);
        FrameDelta quiet = s.seal();
        assertThat(quiet.incidents()).isEmpty();
        assertThat(quiet.hosts()).as("silent (no telemetry), still attacked").allSatisfy(h -> {
            assertThat(h.activeIncidents()).isEqualTo(1);
            assertThat(h.worst()).isEqualTo(Severity.HIGH);
        });

        // 30 s after the last alert, and no END: ended as expired, and the tile no longer counts it.
        s.tick(T0 + 50_001);
        FrameDelta d = s.seal();
        assertThat(host(d, "h").activeIncidents()).isZero();
        assertThat(host(d, "h").worst()).isNull();
        assertThat(incident(d, "s/h/inc")).satisfies(g -> {
            assertThat(g.active()).isFalse();
            assertThat(g.expired()).isEqualTo("no alert for 30 s");
            assertThat(g.severity()).as("its last severity").isEqualTo(Severity.HIGH);
        });
        s.tick(T0 + 51_000);
        assertThat(s.seal().incidents()).as("expired once").isEmpty();

        // The agent was only slow: its next update makes the incident active again.
        s.apply(in(Messages.alert("s", "h", "3", "inc", Severity.MEDIUM, AlertState.UPDATE, "198.18.0.1", null, T0), T0 + 60_000));
        FrameDelta back = s.seal();
        assertThat(host(back, "h").worst()).isEqualTo(Severity.MEDIUM);
        assertThat(incident(back, "s/h/inc")).satisfies(g -> {
            assertThat(g.active()).isTrue();
            assertThat(g.expired()).isNull();
        });
    }

    @Test
    void aHostThatGoesOfflineMidIncidentHasItsIncidentsExpiredAtOnce() {
        FleetState s = new FleetState(FleetLimits.defaults());
        s.apply(in(Messages.status("s", "dead", HostState.ONLINE, GuardMode.ENFORCE, T0), T0));
        s.apply(in(Messages.status("s", "alive", HostState.ONLINE, GuardMode.ENFORCE, T0), T0));
        s.apply(in(Messages.telemetry("s", "dead", 9_000, 2, T0), T0));
        s.apply(in(Messages.alert("s", "dead", "1", "own", Severity.CRITICAL, AlertState.START, "198.18.0.1", null, T0), T0));
        // Same target as "alive"'s incident: one multi-host attack, still going on through "alive".
        s.apply(in(Messages.alert("s", "dead", "2", "shared", Severity.HIGH, AlertState.START, "198.18.0.9", null, T0), T0));
        s.apply(in(Messages.alert("s", "alive", "1", "shared", Severity.LOW, AlertState.START, "198.18.0.9", null, T0), T0));
        assertThat(host(s.seal(), "dead").activeIncidents()).isEqualTo(2);

        // Its last will: no END will ever come from it.
        s.apply(in(Messages.status("s", "dead", HostState.OFFLINE, GuardMode.ENFORCE, T0 - 60_000), T0 + 1_000));
        FrameDelta d = s.seal();
        assertThat(host(d, "dead")).satisfies(h -> {
            assertThat(h.liveness()).isEqualTo(Liveness.OFFLINE);
            assertThat(h.activeIncidents()).isZero();
            assertThat(h.worst()).isNull();
        });
        assertThat(incident(d, "s/dead/own")).satisfies(g -> {
            assertThat(g.active()).isFalse();
            assertThat(g.expired()).isEqualTo("host offline");
        });
        assertThat(d.incidents()).filteredOn(IncidentGroup::multiHost).singleElement().satisfies(g -> {
            assertThat(g.active()).as("the other host still sees it").isTrue();
            assertThat(g.severity()).isEqualTo(Severity.LOW);
            assertThat(g.expired()).isNull();
        });
    }

    @Test
    void anIncidentRestoredFromHistoryWithoutItsEndExpiresAtTheFirstTick() {
        FleetState s = new FleetState(FleetLimits.defaults());
        var a = Messages.alert("s", "h", "1", "inc", Severity.HIGH, AlertState.START, "198.18.0.1", null, T0);
        s.restore(List.of(new AlertEntry(a, "b", T0, null)));
        assertThat(incident(s.seal(), "s/h/inc").active()).isTrue();
        s.tick(T0 + 3_600_000);
        assertThat(incident(s.seal(), "s/h/inc").expired()).isEqualTo("no alert for 30 s");
    }

    /** The history opens in the background: live alerts can come before the stored ones are reloaded. */
    @Test
    void aHistoryThatOpensAfterLiveAlertsKeepsTheLiveStateAndTheAcknowledgements() {
        FleetState s = new FleetState(new FleetLimits(10, 4, 1_000, 50, 5_000, 60));
        var live3 = Messages.alert("s", "h", "3", "other", Severity.LOW, AlertState.START, "198.18.0.3", null, T0 + 2);
        s.apply(in(live3, T0 + 100)); // an agent's replay of a stored (and acknowledged) alert
        s.apply(in(Messages.alert("s", "h", "5", "inc", Severity.CRITICAL, AlertState.UPDATE, "198.18.0.1", null,
                T0 + 101), T0 + 101));
        s.seal();
        assertThat(s.takeFresh()).hasSize(2);

        s.restore(List.of(
                new AlertEntry(Messages.alert("s", "h", "1", "inc", Severity.HIGH, AlertState.START, "198.18.0.1", null, T0),
                        "b", T0, null),
                new AlertEntry(Messages.alert("s", "h", "2", "inc", Severity.HIGH, AlertState.END, "198.18.0.1", null,
                        T0 + 1), "b", T0 + 1, null),
                new AlertEntry(live3, "b", T0 + 2, T0 + 50),
                new AlertEntry(Messages.alert("s", "h", "4", "inc2", Severity.LOW, AlertState.START, "198.18.0.4", null,
                        T0 + 3), "b", T0 + 3, null)));
        FrameDelta d = s.seal();
        assertThat(s.takeFresh()).as("reloaded alerts are not stored again").isEmpty();
        assertThat(s.liveAlertCount()).isEqualTo(4);
        // The window of 4 keeps the live two and the newest stored two; the oldest stored one is left out.
        assertThat(d.alerts()).extracting(e -> e.alert().id()).containsExactlyInAnyOrder("3", "2", "4");
        assertThat(d.alerts()).filteredOn(e -> e.alert().id().equals("3")).singleElement()
                .satisfies(e -> assertThat(e.acknowledgedAt()).as("acknowledged in the history").isEqualTo(T0 + 50));
        // The stored END is older than the live UPDATE: the incident is still going on, at its live severity.
        IncidentGroup inc = incident(d, "s/h/inc");
        assertThat(inc.active()).isTrue();
        assertThat(inc.severity()).isEqualTo(Severity.CRITICAL);

        // Stored alerts are the oldest in the window: a new alert pushes them out first, not the live ones.
        s.apply(in(Messages.alert("s", "h", "6", "inc", Severity.CRITICAL, AlertState.UPDATE, "198.18.0.1", null,
                T0 + 200), T0 + 200));
        assertThat(s.acknowledge(List.of(key("2")), T0 + 300)).as("pushed out").isEmpty();
        assertThat(s.acknowledge(List.of(key("4"), key("5"), key("6")), T0 + 300)).hasSize(3);
    }

    private static io.xdpguard.console.model.AlertKey key(String id) {
        return new io.xdpguard.console.model.AlertKey("s", "h", id);
    }

    @Test
    void aConfirmedCommandShowsTheModeAndThresholdsFromItsReply() {
        FleetState s = new FleetState(FleetLimits.defaults());
        s.apply(in(Messages.status("s", "h", HostState.ONLINE, GuardMode.MONITOR, T0), T0));
        s.apply(in(Messages.telemetry("s", "h", 10, 0, T0 + 1_000), T0 + 1_000));
        assertThat(host(s.seal(), "h").mode()).isEqualTo(GuardMode.SHADOW);

        Status after = new Status(1, "s", "h", HostState.ONLINE, "0.1.0", "6.1.0", "eth0", "native", GuardMode.ENFORCE,
                new Thresholds(100, 7_000, 900, 20_000), T0 - 60_000, T0 + 1_500);
        s.apply(in(new CommandReply(1, "c1", "s", "h", true, "set_mode done: mode enforce", after, T0 + 1_500), T0 + 1_600));
        HostSnapshot h = host(s.seal(), "h");
        assertThat(h.mode()).isEqualTo(GuardMode.ENFORCE);
        assertThat(h.synThreshold()).isEqualTo(7_000);
        assertThat(h.thresholds()).isEqualTo(new Thresholds(100, 7_000, 900, 20_000));

        // Telemetry the agent sent before the command still says shadow: it does not undo the reply...
        s.apply(in(Messages.telemetry("s", "h", 10, 0, T0 + 1_200), T0 + 1_700));
        assertThat(host(s.seal(), "h").mode()).isEqualTo(GuardMode.ENFORCE);
        // ...telemetry sent after it is the agent's word again.
        s.apply(in(Messages.telemetry("s", "h", 10, 0, T0 + 2_200), T0 + 2_200));
        assertThat(host(s.seal(), "h").mode()).isEqualTo(GuardMode.SHADOW);

        // A reply about a host never seen, or from one host carrying another's status, changes nothing.
        Status ghost = new Status(1, "s", "ghost", HostState.ONLINE, "0.1.0", "6.1.0", "eth0", "native", GuardMode.MONITOR,
                new Thresholds(50, 5_000, 1_000, 10_000), T0, T0 + 3_000);
        s.apply(in(new CommandReply(1, "c2", "s", "ghost", true, "ok", ghost, T0 + 3_000), T0 + 3_000));
        s.apply(in(new CommandReply(1, "c3", "s", "h", true, "ok", ghost, T0 + 3_000), T0 + 3_000));
        assertThat(s.seal().hosts()).isEmpty();
        assertThat(s.hostCount()).isEqualTo(1);
    }

    @Test
    void incidentsShareTargetsOrSourcesAcrossHosts() {
        FleetState s = new FleetState(FleetLimits.defaults());
        s.apply(in(Messages.alert("s", "a", "1", "x", Severity.LOW, AlertState.START, "198.18.0.1", "198.19.0.1", T0), T0));
        s.apply(in(Messages.alert("s", "b", "1", "y", Severity.HIGH, AlertState.START, "198.18.0.2", "198.19.0.1", T0 + 1), T0 + 1));
        s.apply(in(Messages.alert("s", "c", "1", "z", Severity.LOW, AlertState.START, "198.18.0.2", null, T0 + 2), T0 + 2));
        s.apply(in(Messages.alert("s", "d", "1", "w", Severity.LOW, AlertState.START, "198.18.0.9", null, T0 + 3), T0 + 3));
        FrameDelta d = s.seal();
        assertThat(d.incidents()).hasSize(2);
        var big = d.incidents().stream().filter(g -> g.multiHost()).findFirst().orElseThrow();
        assertThat(big.hosts()).containsExactly(new HostKey("s", "a"), new HostKey("s", "b"), new HostKey("s", "c"));
        assertThat(big.severity()).isEqualTo(Severity.HIGH);
        assertThat(big.targets()).containsExactly("198.18.0.1", "198.18.0.2");
    }

    @Test
    void acknowledgeChangesTheRowOnce() {
        FleetState s = new FleetState(FleetLimits.defaults());
        var a = Messages.alert("s", "h", "1", "i", Severity.LOW, AlertState.START, "198.18.0.1", null, T0);
        s.apply(in(a, T0));
        s.seal();
        List<AlertEntry> acked = s.acknowledge(List.of(new io.xdpguard.console.model.AlertKey("s", "h", "1")), T0 + 9);
        assertThat(acked).singleElement().satisfies(e -> assertThat(e.acknowledgedAt()).isEqualTo(T0 + 9));
        assertThat(s.acknowledge(List.of(new io.xdpguard.console.model.AlertKey("s", "h", "1")), T0 + 10)).isEmpty();
    }
}
