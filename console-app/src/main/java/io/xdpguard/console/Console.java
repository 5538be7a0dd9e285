package io.xdpguard.console;

import io.xdpguard.console.export.AlertExport;
import io.xdpguard.console.ingest.FleetPipeline;
import io.xdpguard.console.ingest.Warmup;
import io.xdpguard.console.model.AlertReceipts;
import io.xdpguard.console.model.Diagnostics;
import io.xdpguard.console.model.LatencyRecorder;
import io.xdpguard.console.model.StartupProgress;
import io.xdpguard.console.model.WarmUpFrames;
import io.xdpguard.console.mqtt.BrokerConnections;
import io.xdpguard.console.mqtt.BrokerSession;
import io.xdpguard.console.mqtt.HiveMqBrokerLink;
import io.xdpguard.console.profile.ProfileStore;
import io.xdpguard.console.store.AlertHistory;
import io.xdpguard.console.store.HistoryGate;
import io.xdpguard.console.store.ReceiveLog;
import io.xdpguard.console.view.ExportTarget;
import io.xdpguard.console.view.ViewContext;
import io.xdpguard.protocol.Codec;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The composition root: builds the threads and services of one console and shuts them down in order.
 * No UI here: {@link ConsoleApp} puts a window on it; tests and the benchmark use it the same way.
 * Building it does no I/O; what can take seconds (history, keyring) is opened by {@link #start()} on
 * start-up threads, so a window can be shown first.
 */
public final class Console implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Console.class.getName());

    private final ConsoleOptions options;
    private final Diagnostics diagnostics = new Diagnostics();
    private final LatencyRecorder pulseGaps = new LatencyRecorder();
    private final LatencyRecorder visibleLatency = new LatencyRecorder();
    private final HistoryGate history = new HistoryGate();
    private final FleetPipeline pipeline;
    private final BrokerConnections connections;
    private final BrokerSession session;
    private final ProfileStore profiles;
    private final Startup startup;
    private final Codec codec = new Codec();
    private final WarmUpFrames warmUpFrames = new WarmUpFrames();
    // Set once by start-up, before anything connects; read by the receive threads.
    private final AtomicReference<ReceiveLog> receiveLog = new AtomicReference<>();

    public Console(ConsoleOptions options) {
        this(options, Openers.real());
    }

    public Console(ConsoleOptions options, Openers openers) {
        this.options = options;
        Clock clock = Clock.systemUTC();
        this.pipeline = new FleetPipeline(options.limits(), diagnostics, history, clock).start();
        this.session = new BrokerSession(options.configDir());
        AlertReceipts receipts = (broker, at, topic, payload, handOff) -> {
            AlertReceipts log = receiveLog.get();
            (log == null ? AlertReceipts.NONE : log).received(broker, at, topic, payload, handOff);
        };
        this.connections = new BrokerConnections(HiveMqBrokerLink.factory(session), codec, diagnostics, pipeline::offer,
                receipts, clock, options.minBackoff(), options.maxBackoff());
        this.profiles = ProfileStore.secretsLater(options.configDir());
        this.startup = new Startup(options, openers, codec, clock, history, pipeline, profiles, connections,
                warmUpFrames, receiveLog::set);
    }

    /**
     * Returns at once: connects every --broker URL, and on start-up threads opens the history and the secret
     * vault, then connects every saved, enabled profile. Progress and failures: {@link #startup()}.
     */
    public Console start() {
        startup.start();
        return this;
    }

    public ViewContext viewContext(ExportTarget exportTarget) {
        return new ViewContext(pipeline, connections, profiles, diagnostics, new AlertExport(codec.mapper()),
                exportTarget, options.exportDir(), options.limits().maxLiveAlerts(), options.notifyInterval().toMillis(),
                Clock.systemUTC(), pulseGaps, visibleLatency, history, startup.progress(), startup::retryHistory,
                warmUpFrames);
    }

    public FleetPipeline pipeline() {
        return pipeline;
    }

    public BrokerConnections connections() {
        return connections;
    }

    /** The alert history once it is open (never completes if it cannot be; see {@link #startup()}). */
    public CompletableFuture<AlertHistory> history() {
        return history.opened();
    }

    /** Completes when the start-up warm-up ({@link Warmup}) is over; never fails. */
    public CompletableFuture<Warmup.Result> warmedUp() {
        return startup.warmedUp();
    }

    public StartupProgress startup() {
        return startup.progress();
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
        startup.close();
        connections.close();
        session.close();
        pipeline.close();
        history.history().ifPresentOrElse(AlertHistory::close, () -> {
            if (history.waiting() > 0) {
                LOG.log(Level.WARNING, "event=history_never_opened alerts_not_stored={0}", history.waiting());
            }
        });
        // Its segments stay: the next start finds their alerts stored already, unless this stop lost some.
        Optional.ofNullable(receiveLog.get()).ifPresent(ReceiveLog::close);
        LOG.log(Level.INFO, "event=console_stopped");
    }
}
