package io.xdpguard.agent;

import io.xdpguard.agent.config.ConfigException;
import io.xdpguard.agent.config.ConfigLoader;
import io.xdpguard.agent.config.ConfigWatcher;
import io.xdpguard.agent.config.Overrides;
import io.xdpguard.agent.config.Settings;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** The {@code xdp-guard-agent} command: reads the config, runs the agent until SIGTERM or SIGINT. */
@Command(name = "xdp-guard-agent", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Loads XDP Guard onto a network interface, turns SYN floods into incidents and publishes",
                "status, telemetry and alerts over MQTT 5. Settings come from the YAML config and are overridden",
                "by these options. SIGHUP (or editing the config) applies new guard settings live.",
                "Exit codes: 0 stopped cleanly, 1 could not start or run, 2 bad configuration."})
public final class Main implements Callable<Integer> {
    private static final Logger LOG = System.getLogger("agent");

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "YAML config (e.g. /etc/xdp-guard/agent.yaml)")
    Path config;
    @Option(names = "--check", description = "Validate the configuration, print it and exit")
    boolean check;
    @Option(names = "--site", description = "Site name, a topic level: [A-Za-z0-9._-]{1,64} (default: default)")
    String site;
    @Option(names = "--host", description = "Host name, a topic level (default: this machine's short name)")
    String host;
    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE", description = "Network interface to guard")
    String iface;
    @Option(names = "--attach", paramLabel = "MODE", description = "XDP attach mode: auto (native, else generic), native, generic")
    String attach;
    @Option(names = "--broker", paramLabel = "URL", description = "MQTT 5 broker: tcp://host:1883 or ssl://host:8883 (default tcp://127.0.0.1:1883)")
    String broker;
    @Option(names = "--username", description = "Broker user name")
    String username;
    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the broker password")
    Path passwordFile;
    @Option(names = "--ca", paramLabel = "PEM", description = "CA certificates to trust for ssl://")
    Path ca;
    @Option(names = "--cert", paramLabel = "PEM", description = "Client certificate for ssl://")
    Path cert;
    @Option(names = "--key", paramLabel = "PEM", description = "Client key (PKCS#8) for ssl://")
    Path key;
    @Option(names = "--mode", description = "monitor, shadow or enforce (default monitor)")
    String mode;
    @Option(names = "--window-ms", description = "Detection window in ms (default 50)")
    Integer windowMs;
    @Option(names = "--target-syn-per-sec", description = "SYN/s to one address and port that is a flood (default 5000)")
    Long targetSynPerSec;
    @Option(names = "--source-syn-per-sec", description = "SYN/s from one source that is abuse (default 1000)")
    Long sourceSynPerSec;
    @Option(names = "--block-ms", description = "How long shadow/enforce keep a source blocked (default 10000)")
    Integer blockMs;
    @Option(names = "--quiet-ms", description = "Quiet time after which an incident ends (default 3000)")
    Integer quietMs;
    @Option(names = "--outbox", paramLabel = "DIR", description = "Durable alert journal directory (default /var/lib/xdp-guard/outbox)")
    Path outbox;
    @Option(names = "--bpf-object", paramLabel = "FILE", description = "XDP Guard BPF object (default: the one bundled in the agent)")
    Path bpfObject;
    @Option(names = {"-v", "--verbose"}, description = "Debug logging")
    boolean verbose;

    private final ConfigLoader loader = new ConfigLoader();

    public static void main(String[] args) {
        var cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            System.err.println("xdp-guard-agent: error: " + e);
            return 1;
        });
        System.exit(cli.execute(args));
    }

    private Overrides overrides() {
        return new Overrides(site, host, iface, attach, broker, username, passwordFile, ca, cert, key, mode, windowMs,
                targetSynPerSec, sourceSynPerSec, blockMs, quietMs, outbox, bpfObject);
    }

    @Override
    public Integer call() {
        LineFormatter.install(verbose);
        Settings settings;
        try {
            settings = loader.load(config, overrides());
        } catch (ConfigException e) {
            System.err.println("xdp-guard-agent: bad configuration: " + e.getMessage());
            return 2;
        }
        if (check) {
            System.out.println("configuration OK: " + settings);
            return 0;
        }
        var stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Agent agent;
        try {
            agent = Agent.start(settings);
        } catch (Agent.AgentException e) {
            System.err.println("xdp-guard-agent: cannot start: " + e.getMessage());
            return 1;
        }
        Runnable reload = () -> reload(agent);
        Signal.handle(new Signal("HUP"), s -> Thread.ofPlatform().name("xdpguard-reload").start(reload));
        ConfigWatcher watcher = null;
        if (config != null) {
            try {
                watcher = new ConfigWatcher(config, reload);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "config file not watched, SIGHUP still reloads: {0}", e.toString());
            }
        }
        LOG.log(Level.INFO, "agent running site={0} host={1} iface={2} broker={3}", settings.site(), settings.host(),
                settings.iface(), settings.broker().url());
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.INFO, "stopping");
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                // stopping anyway
            }
        }
        agent.close();
        LOG.log(Level.INFO, "stopped");
        return 0;
    }

    private synchronized void reload(Agent agent) {
        try {
            Settings next = loader.load(config, overrides());
            Settings now = agent.settings();
            if (!next.site().equals(now.site()) || !next.host().equals(now.host()) || !next.iface().equals(now.iface())
                    || !next.broker().url().equals(now.broker().url())) {
                LOG.log(Level.WARNING, "config reload: site, host, interface and broker changes need a restart; applying guard settings only");
            }
            if (!next.mode().equals(now.mode()) || !next.thresholds().equals(now.thresholds())) {
                agent.apply(next.mode(), next.thresholds());
            } else {
                LOG.log(Level.INFO, "config reload: guard settings unchanged");
            }
        } catch (ConfigException e) {
            LOG.log(Level.ERROR, "config reload refused, keeping the running settings: {0}", e.getMessage());
        } catch (Agent.AgentException e) {
            LOG.log(Level.ERROR, "config reload failed: {0}", e.getMessage());
        }
    }

    /** Prints the agent, Java and libbpf-facing versions. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"xdp-guard-agent " + Version.agent(),
                    "Java " + Runtime.version() + ", wire schema " + io.xdpguard.protocol.Message.SCHEMA};
        }
    }
}
