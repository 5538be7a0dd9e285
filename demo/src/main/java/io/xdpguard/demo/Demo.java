package io.xdpguard.demo;

import io.xdpguard.broker.BrokerOptions;
import io.xdpguard.broker.EmbeddedBroker;
import io.xdpguard.demo.lab.Agents;
import io.xdpguard.demo.lab.LabNetwork;
import io.xdpguard.demo.lab.Processes;
import io.xdpguard.demo.lab.Services;
import io.xdpguard.demo.lab.Traffic;
import io.xdpguard.demo.scenario.Check;
import io.xdpguard.demo.scenario.Scenario;
import io.xdpguard.demo.watch.HeadlessPrinter;
import io.xdpguard.demo.watch.Observed;
import io.xdpguard.demo.watch.Watcher;
import io.xdpguard.protocol.HostState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole system on one machine, started in order and stopped in reverse: lab network, embedded
 * broker, real services, subscriber, one agent per host, real clients, optionally the console; then the
 * scenario, loop after loop. {@link #close()} is safe to call twice (Ctrl-C and normal end).
 */
public final class Demo implements AutoCloseable {
    public static final List<String> HOSTS = List.of("web-1", "web-2", "db-1");

    private final DemoOptions options;
    private final Consumer<String> say;
    private final Processes processes = new Processes();
    private final List<Check> checks = new ArrayList<>();
    private LabNetwork lab;
    private EmbeddedBroker broker;
    private Services services;
    private Watcher watcher;
    private Traffic traffic;
    private Process console;
    private Path work;
    private volatile boolean stopping;
    private boolean closed;
    private volatile boolean played;

    public Demo(DemoOptions options, Consumer<String> say) {
        this.options = options;
        this.say = say;
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    public Watcher watcher() {
        return watcher;
    }

    /** Where the agents', console's and hping3's logs go (null before {@link #start}). */
    Path work() {
        return work;
    }

    public String brokerUrl() {
        return broker.url();
    }

    /** Builds the lab and starts every part; returns once every agent is online. */
    public void start() throws Exception {
        int killed = Processes.killLeftovers();
        List<String> removed = LabNetwork.removeLeftovers();
        if (killed > 0 || !removed.isEmpty()) {
            say.accept("cleaned up an earlier run: " + killed + " processes, " + removed);
        }
        work = Files.createTempDirectory("xdpguard-demo");
        lab = new LabNetwork(HOSTS, 20).up();
        say.accept("lab: " + lab.hosts().stream().map(h -> h.name() + "=" + h.address() + " on " + h.iface()).toList()
                + ", clients and attacker in namespace " + LabNetwork.NAMESPACE);
        int port = options.brokerPort();
        if (port != 0 && !free(port)) {
            say.accept("port " + port + " is taken (a Mosquitto service?): the embedded broker takes a free one");
            port = 0;
        }
        broker = EmbeddedBroker.start(BrokerOptions.loopback(port));
        say.accept("broker: HiveMQ CE embedded at " + broker.url());
        services = new Services().start(lab.hosts());
        Consumer<Observed> listener = options.headless() ? new HeadlessPrinter(say) : o -> { };
        watcher = new Watcher(broker.url(), listener);
        Agents.start(processes, lab.hosts(), broker.url(), work);
        boolean online = Scenario.waitFor(() -> HOSTS.stream().allMatch(this::online),
                java.time.Duration.ofSeconds(90));
        if (!online) {
            throw new IllegalStateException("not every agent came online within 90 s; agent logs are in " + work);
        }
        traffic = Traffic.start(processes);
        if (!options.headless()) {
            console = processes.start(options.consoleCommand(broker.url()), work.resolve("console.log"));
            say.accept("console: started (close its window or press Ctrl-C to stop the demo); its log: "
                    + work.resolve("console.log"));
            // Closing the console ends the demo at once, not at the end of the scenario loop.
            console.onExit().thenRun(() -> {
                if (!stopping) {
                    say.accept("console closed");
                    close();
                }
            });
        }
    }

    private static boolean free(int port) {
        try (var socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private boolean online(String host) {
        return watcher.observed().stream().filter(o -> o instanceof Observed.StatusSeen s && s.status().host().equals(host))
                .reduce((a, b) -> b).map(o -> ((Observed.StatusSeen) o).status().state() == HostState.ONLINE)
                .orElse(false);
    }

    /** Plays the scenario {@code loops} times (0: until stopped or the console closes). */
    public void play(int loops) throws Exception {
        var scenario = new Scenario(lab, processes, traffic, watcher, work, say);
        try {
            for (int loop = 1; (loops == 0 || loop <= loops) && !stopping && consoleOpen(); loop++) {
                scenario.runOnce(loop);
            }
        } catch (Exception | Error e) {
            if (!stopping) {
                throw e;
            }
            // Stopped mid-step (Ctrl-C or the console closed): the lab is already gone.
        } finally {
            checks.addAll(scenario.checks());
        }
        played = !stopping;
    }

    private boolean consoleOpen() {
        return console == null || console.isAlive();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopping = true;
        say.accept("stopping: agents publish offline and detach XDP; lab removed");
        if (traffic != null) {
            traffic.close();
        }
        processes.close();
        if (watcher != null) {
            try {
                watcher.close();
            } catch (Exception e) {
                // the broker goes next anyway
            }
        }
        if (services != null) {
            services.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (lab != null) {
            lab.close();
        }
        keepLogsUnlessAllPassed();
    }

    /**
     * The agents', console's and hping3's logs are worth keeping when something failed or the demo was stopped
     * early, and only clutter the temporary directory after a run whose every check passed.
     */
    private void keepLogsUnlessAllPassed() {
        if (work == null) {
            return;
        }
        if (played && !checks.isEmpty() && checks.stream().allMatch(Check::met)) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                say.accept("logs left in " + work + " (" + e.getMessage() + ")");
            }
        } else {
            say.accept("logs of the agents, the console and hping3 kept in " + work);
        }
    }
}
