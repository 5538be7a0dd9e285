package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.model.FleetLimits;
import io.xdpguard.console.model.FleetState;
import io.xdpguard.console.model.FrameDelta;
import io.xdpguard.console.model.HostKey;
import io.xdpguard.console.model.Inbound;
import io.xdpguard.console.model.Liveness;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.HostState;
import io.xdpguard.protocol.Severity;
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
