package io.xdpguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.demo.lab.LabNetwork;
import io.xdpguard.demo.lab.Processes;
import io.xdpguard.demo.scenario.Check;
import io.xdpguard.demo.watch.Observed;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertKind;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.HostState;
import io.xdpguard.protocol.Severity;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** One full scenario loop of the headless demo, judged by what a viewer would see, then a clean machine. */
class DemoHeadlessTest {
    @Test
    void oneLoopShowsEveryExpectedAlertAndLeavesNothingBehind() throws Exception {
        RootOnly.check();
        List<String> printed = new CopyOnWriteArrayList<>();
        Demo demo = new Demo(new DemoOptions(true, 1, 0, null, List.of()), line -> {
            printed.add(line);
            System.out.println(line);
        });
        try {
            demo.start();
            demo.play(1);
        } finally {
            demo.close();
        }
        // Taken after stopping, so the agents' offline statuses are in.
        List<Observed> seen = demo.watcher().observed();
        assertThat(demo.checks()).as("checks of the scenario").isNotEmpty().allMatch(Check::met);

        List<Alert> alerts = seen.stream().filter(o -> o instanceof Observed.AlertSeen)
                .map(o -> ((Observed.AlertSeen) o).alert()).toList();
        // The flood on web-1 port 80: a start and an end.
        assertThat(alerts).anyMatch(a -> a.host().equals("web-1") && a.kind() == AlertKind.SYN_FLOOD
                && a.target().port() == 80 && a.state() == AlertState.START);
        assertThat(alerts).anyMatch(a -> a.host().equals("web-1") && a.kind() == AlertKind.SYN_FLOOD
                && a.target().port() == 80 && a.state() == AlertState.END);
        // The flash crowd to web-2's service: no flood alert above low severity.
        assertThat(alerts).filteredOn(a -> a.host().equals("web-2") && a.target().port() == 8080)
                .allMatch(a -> a.severity() == Severity.LOW);
        // One source on all three hosts: each host names it, so a console shows one multi-host incident.
        assertThat(alerts.stream().filter(a -> a.topSources().stream().anyMatch(s -> s.address().equals("198.19.66.6")))
                .map(Alert::host).distinct()).containsExactlyInAnyOrder("web-1", "web-2", "db-1");
        // Enforce: dropped/s climbs on web-1.
        assertThat(seen).anyMatch(o -> o instanceof Observed.TelemetrySeen t && t.telemetry().host().equals("web-1")
                && t.telemetry().droppedPerSec() > 500);
        // Headless output: one line per alert, with its latency.
        assertThat(printed).filteredOn(l -> l.contains(" ALERT ")).hasSize(alerts.size())
                .allMatch(l -> l.matches(".* latency=\\d+ ms$"));
        // Stopping: every agent said offline, and nothing is left on the machine.
        assertThat(seen.stream().filter(o -> o instanceof Observed.StatusSeen s && s.status().state() == HostState.OFFLINE)
                .map(o -> ((Observed.StatusSeen) o).status().host()).distinct()).hasSize(3);
        assertThat(LabNetwork.leftovers()).as("namespaces and veths left").isEmpty();
        assertThat(Files.exists(Processes.PID_FILE)).isFalse();
        assertThat(demo.work()).as("the logs of a run whose every check passed").doesNotExist();
        assertThat(printed).noneMatch(l -> l.contains("kept in"));
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("hping3") || c.contains("io.xdpguard.agent.Main")
                        || c.contains("io.xdpguard.demo.traffic")).toList()).as("processes left").isEmpty();
    }
}
