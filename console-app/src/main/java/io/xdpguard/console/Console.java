package io.xdpguard.console;

import io.xdpguard.console.export.AlertExport;
import io.xdpguard.console.ingest.FleetPipeline;
import io.xdpguard.console.model.Diagnostics;
import io.xdpguard.console.model.LatencyRecorder;
import io.xdpguard.console.mqtt.BrokerConnections;
import io.xdpguard.console.mqtt.PahoBrokerLink;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.console.profile.ProfileStore;
import io.xdpguard.console.store.AlertHistory;
import io.xdpguard.console.view.ExportTarget;
import io.xdpguard.console.view.ViewContext;
import io.xdpguard.protocol.Codec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;

/**
 * The composition root: builds the threads and services of one console and shuts them down in order.
 * No UI here: {@link ConsoleApp} puts a window on it; tests and the benchmark use it the same way.
 */
public final class Console implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Console.class.getName());

    private final ConsoleOptions options;
    private final Diagnostics diagnostics = new Diagnostics();
    private final LatencyRecorder pulseGaps = new LatencyRecorder();
    private final LatencyRecorder visibleLatency = new LatencyRecorder();
    private final AlertHistory history;
    private final FleetPipeline pipeline;
    private final BrokerConnections connections;
    private final ProfileStore profiles;
    private final Codec codec = new Codec();

    public Console(ConsoleOptions options) throws IOException {
        this.options = options;
        Clock clock = Clock.systemUTC();
        this.history = new AlertHistory(options.dataDir(), codec.mapper(), clock, options.retention(),
                options.maxHistoryRows());
        this.pipeline = new FleetPipeline(options.limits(), diagnostics, history, clock).start();
        pipeline.restore(history.recent(options.limits().maxLiveAlerts()));
        this.connections = new BrokerConnections(PahoBrokerLink.factory(), codec, diagnostics, pipeline::offer, clock,
                options.minBackoff(), options.maxBackoff());
        this.profiles = new ProfileStore(options.configDir());
    }

    /** Connects every saved, enabled profile and every --broker URL; a broken profile is logged, not fatal. */
    public Console connect() {
        try {
            for (ConnectionProfile p : profiles.load()) {
                connections.open(p, profiles.secrets(p.name()));
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "event=profiles_unreadable detail=\"{0}\"", e.getMessage());
        }
        int n = 0;
        for (String url : options.brokers()) {
            connections.open(ConnectionProfile.plain("cli-" + ++n, url), ProfileSecrets.NONE);
        }
        return this;
    }

    public ViewContext viewContext(ExportTarget exportTarget) {
        return new ViewContext(pipeline, connections, profiles, diagnostics, new AlertExport(codec.mapper()),
                exportTarget, options.exportDir(), options.limits().maxLiveAlerts(), options.notifyInterval().toMillis(),
                Clock.systemUTC(), pulseGaps, visibleLatency, history);
    }

    public FleetPipeline pipeline() {
        return pipeline;
    }

    public BrokerConnections connections() {
        return connections;
    }

    public AlertHistory history() {
        return history;
    }

    public Diagnostics diagnostics() {
        return diagnostics;
    }

    public LatencyRecorder pulseGaps() {
        return pulseGaps;
    }

    public LatencyRecorder visibleLatency() {
        return visibleLatency;
    }

    @Override
    public void close() {
        connections.close();
        pipeline.close();
        history.close();
        LOG.log(Level.INFO, "event=console_stopped");
    }
}
