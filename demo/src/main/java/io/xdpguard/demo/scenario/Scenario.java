package io.xdpguard.demo.scenario;

import io.xdpguard.demo.lab.Agents;
import io.xdpguard.demo.lab.LabNetwork;
import io.xdpguard.demo.lab.Processes;
import io.xdpguard.demo.lab.Services;
import io.xdpguard.demo.lab.Traffic;
import io.xdpguard.demo.watch.Observed;
import io.xdpguard.demo.watch.Watcher;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertKind;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.CommandRequest;
import io.xdpguard.protocol.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The story the demo tells, one loop of it: calm traffic; a SYN flood on one host; a flash crowd of
 * real clients; one source hitting every host; enforce mode dropping a flood in the kernel while the
 * real service keeps answering. Each step says what a viewer should see and checks that they did.
 */
public final class Scenario {
    /** Spoofed sources come from the blackholed 198.19.0.0/16, so no reply to them leaves the machine. */
    static final String MULTI_HOST_SOURCE = "198.19.66.6";
    static final String ENFORCE_SOURCE = "198.19.77.7";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(15);

    private final LabNetwork lab;
    private final Processes processes;
    private final Traffic traffic;
    private final Watcher watcher;
    private final Consumer<String> say;
    private final Path work;
    private final List<Check> checks = new ArrayList<>();

    public Scenario(LabNetwork lab, Processes processes, Traffic traffic, Watcher watcher, Path work,
                    Consumer<String> say) {
        this.lab = lab;
        this.processes = processes;
        this.traffic = traffic;
        this.watcher = watcher;
        this.work = work;
        this.say = say;
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    public void runOnce(int loop) throws Exception {
        say.accept("== loop " + loop);
        calm();
        flood();
        flashCrowd();
        multiHost();
        enforce();
    }

    private LabNetwork.Host host(int i) {
        return lab.hosts().get(i);
    }

    private void calm() {
        step("calm", "real clients connect to every host a few times a second; no alert");
        List<String> pairs = lab.hosts().stream()
                .map(h -> h.address() + ":" + Services.PORT + "@" + h.clientAddress()).toList();
        traffic.calm(pairs, 15);
        long since = System.currentTimeMillis();
        boolean seen = waitFor(() -> lab.hosts().stream().allMatch(h -> telemetryAfter(since, h.name(),
                t -> t.telemetry().synPerSec() > 0)), STEP_TIMEOUT);
        check("calm", "every host reports its real connections in telemetry", seen, "");
        check("calm", "no alert for calm traffic", alertsAfter(since).isEmpty(), alertsAfter(since).size() + " alerts");
    }

    private void flood() throws IOException, InterruptedException {
        var h = host(0);
        step("flood", "hping3 SYN flood on " + h.name() + " port 80 for about 4 s: an alert within milliseconds, its end after");
        long since = System.currentTimeMillis();
        Process flood = hping(h.address(), 80, null, 100, 25_000);
        Alert start = waitForAlert(since, a -> a.host().equals(h.name()) && a.kind() == AlertKind.SYN_FLOOD
                && a.state() == AlertState.START);
        check("flood", "SYN flood alert for " + h.name(), start != null,
                start == null ? "none within " + STEP_TIMEOUT.toSeconds() + " s" : latencyOf(start));
        flood.waitFor(30, TimeUnit.SECONDS);
        Alert end = start == null ? null : waitForAlert(since, a -> a.incident().equals(start.incident())
                && a.state() == AlertState.END);
        check("flood", "the incident ends after the flood stops", end != null, "");
    }

    private void flashCrowd() throws IOException {
        var h = host(1);
        step("flash crowd", "1,500 real connections/s to " + h.name() + "'s service from 20 clients for 4 s: completed handshakes, so no flood alert (at most a low one)");
        long since = System.currentTimeMillis();
        String target = h.address() + ":" + Services.PORT;
        String answer = traffic.ask("crowd " + target + " 1500 4 " + String.join(",", lab.crowdAddresses(h)));
        say.accept("  crowd: " + answer);
        waitFor(() -> false, Duration.ofSeconds(3)); // the quiet period after the crowd, for late alerts
        List<Alert> serious = alertsAfter(since).stream().map(Observed.AlertSeen::alert)
                .filter(a -> a.host().equals(h.name()) && a.severity().compareTo(Severity.LOW) > 0).toList();
        check("flash crowd", "the crowd's connections completed", answer.contains("ok=") && !answer.contains("ok=0 "), answer);
        check("flash crowd", "no flood alert above low severity for the crowd", serious.isEmpty(),
                serious.isEmpty() ? "" : serious.getFirst().severity() + " " + serious.getFirst().kind());
    }

    private void multiHost() throws IOException, InterruptedException {
        step("multi-host", "one source (" + MULTI_HOST_SOURCE + ") floods all three hosts: one multi-host incident");
        long since = System.currentTimeMillis();
        List<Process> floods = new ArrayList<>();
        for (var h : lab.hosts()) {
            floods.add(hping(h.address(), 443, MULTI_HOST_SOURCE, 200, 15_000));
        }
        boolean all = waitFor(() -> hostsNaming(since, MULTI_HOST_SOURCE).size() == lab.hosts().size(), STEP_TIMEOUT);
        check("multi-host", "every host reports " + MULTI_HOST_SOURCE, all, "seen on " + hostsNaming(since, MULTI_HOST_SOURCE));
        for (Process p : floods) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
        boolean ended = waitFor(() -> allEnded(since), STEP_TIMEOUT);
        check("multi-host", "every incident of the attack ends after it", ended, "");
    }

    private void enforce() throws Exception {
        var h = host(0);
        step("enforce", "enforce mode on " + h.name() + ", then a flood from " + ENFORCE_SOURCE
                + ": dropped in the kernel while the real service keeps answering");
        var reply = watcher.command(Agents.SITE, h.name(), CommandRequest.SET_MODE, Map.of("mode", "enforce"),
                Duration.ofSeconds(10));
        check("enforce", h.name() + " switched to enforce", reply.ok(), reply.message());
        long since = System.currentTimeMillis();
        Process flood = hping(h.address(), 80, ENFORCE_SOURCE, 100, 30_000);
        boolean dropping = waitFor(() -> telemetryAfter(since, h.name(), t -> t.telemetry().droppedPerSec() > 500),
                STEP_TIMEOUT);
        String probe = traffic.ask("probe " + h.address() + ":" + Services.PORT + " " + h.clientAddress() + " 20");
        say.accept("  real client during the flood: " + probe);
        check("enforce", "dropped/s climbs on " + h.name(), dropping, maxDropped(since, h.name()) + " dropped/s at most");
        check("enforce", "the real service keeps answering", probe.equals("probe ok=20 failed=0"), probe);
        flood.waitFor(30, TimeUnit.SECONDS);
        var back = watcher.command(Agents.SITE, h.name(), CommandRequest.SET_MODE, Map.of("mode", "monitor"),
                Duration.ofSeconds(10));
        check("enforce", h.name() + " back to monitor", back.ok(), back.message());
        waitFor(() -> allEnded(since), STEP_TIMEOUT);
    }

    private Process hping(String target, int port, String spoofedSource, int intervalMicros, int count)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", LabNetwork.NAMESPACE, "hping3", "-q", "-S",
                "-p", String.valueOf(port), "-i", "u" + intervalMicros, "-c", String.valueOf(count)));
        if (spoofedSource != null) {
            cmd.addAll(List.of("-a", spoofedSource));
        }
        cmd.add(target);
        return processes.start(cmd, work.resolve("hping3.log"));
    }

    private void step(String name, String what) {
        say.accept("-- " + name + ": " + what);
    }

    private void check(String step, String expectation, boolean met, String detail) {
        Check c = new Check(step, expectation, met, detail);
        checks.add(c);
        say.accept(c.toString());
    }

    private List<Observed.AlertSeen> alertsAfter(long since) {
        return watcher.alerts().stream().filter(a -> a.receivedAtMs() >= since).toList();
    }

    private Alert waitForAlert(long since, Predicate<Alert> match) {
        Alert[] found = new Alert[1];
        waitFor(() -> {
            for (var a : alertsAfter(since)) {
                if (match.test(a.alert())) {
                    found[0] = a.alert();
                    return true;
                }
            }
            return false;
        }, STEP_TIMEOUT);
        return found[0];
    }

    private List<String> hostsNaming(long since, String source) {
        return alertsAfter(since).stream().map(Observed.AlertSeen::alert)
                .filter(a -> (a.source() != null && a.source().address().equals(source))
                        || a.topSources().stream().anyMatch(s -> s.address().equals(source)))
                .map(Alert::host).distinct().sorted().toList();
    }

    /** True when every incident that started since then has also ended. */
    private boolean allEnded(long since) {
        List<Alert> alerts = alertsAfter(since).stream().map(Observed.AlertSeen::alert).toList();
        Set<String> ended = alerts.stream().filter(a -> a.state() == AlertState.END).map(Alert::incident)
                .collect(Collectors.toSet());
        return alerts.stream().filter(a -> a.state() == AlertState.START).allMatch(a -> ended.contains(a.incident()));
    }

    private Stream<Observed.TelemetrySeen> telemetrySince(long since, String host) {
        return watcher.observed().stream()
                .filter(o -> o instanceof Observed.TelemetrySeen t && t.receivedAtMs() >= since
                        && t.telemetry().host().equals(host))
                .map(o -> (Observed.TelemetrySeen) o);
    }

    private boolean telemetryAfter(long since, String host, Predicate<Observed.TelemetrySeen> match) {
        return telemetrySince(since, host).anyMatch(match);
    }

    private long maxDropped(long since, String host) {
        return telemetrySince(since, host).mapToLong(t -> t.telemetry().droppedPerSec()).max().orElse(0);
    }

    private String latencyOf(Alert a) {
        return watcher.alerts().stream().filter(s -> s.alert().id().equals(a.id())).findFirst()
                .map(s -> "kernel detection -> subscriber " + s.latencyMs() + " ms").orElse("");
    }

    /** Polls a condition until it holds or the time is up; also used to let a fixed quiet period pass. */
    public static boolean waitFor(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return condition.getAsBoolean();
    }
}
