package io.xdpguard.agent;

import io.xdpguard.agent.config.Settings;
import io.xdpguard.agent.detect.DetectLoop;
import io.xdpguard.agent.detect.IncidentTracker;
import io.xdpguard.agent.guard.AttachMode;
import io.xdpguard.agent.guard.GuardException;
import io.xdpguard.agent.guard.XdpGuard;
import io.xdpguard.agent.mqtt.LinkOptions;
import io.xdpguard.agent.mqtt.MqttLink;
import io.xdpguard.agent.mqtt.MqttPublisher;
import io.xdpguard.agent.mqtt.PahoLink;
import io.xdpguard.agent.mqtt.TlsFiles;
import io.xdpguard.agent.outbox.Outbox;
import io.xdpguard.agent.telemetry.TelemetrySampler;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.HostState;
import io.xdpguard.protocol.Message;
import io.xdpguard.protocol.MessageKind;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Thresholds;
import io.xdpguard.protocol.Topic;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One running agent: the kernel program on an interface, the incident tracker, the outbox and the broker
 * link, started in that order and stopped in reverse. Guard settings change live through {@link #apply}.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = System.getLogger("agent");

    private final Codec codec = new Codec();
    private final long startedAt = System.currentTimeMillis();
    private volatile Settings settings;
    private Outbox outbox;
    private XdpGuard guard;
    private DetectLoop detect;
    private MqttPublisher publisher;
    private ScheduledExecutorService telemetry;
    private Commands commands;

    private Agent(Settings settings) {
        this.settings = settings;
    }

    /** Starts everything; on failure releases what was started and rethrows with an operator's message. */
    public static Agent start(Settings settings) throws AgentException {
        Agent agent = new Agent(settings);
        try {
            agent.startAll();
            return agent;
        } catch (AgentException | RuntimeException e) {
            agent.close();
            throw e;
        }
    }

    private void startAll() throws AgentException {
        try {
            outbox = Outbox.open(settings.outbox(), codec);
        } catch (IOException e) {
            throw new AgentException("outbox directory " + settings.outbox() + " is not usable (" + e
                    + "): create it writable for the agent or set 'outbox' in the config");
        }
        try {
            guard = settings.bpfObject() == null ? XdpGuard.loadBundled() : XdpGuard.load(settings.bpfObject());
            guard.configure(settings.guardConfig());
            guard.attach(settings.iface(), settings.attach());
        } catch (GuardException e) {
            throw new AgentException(e.getMessage());
        }
        LOG.log(Level.INFO, "XDP Guard attached iface={0} attach={1} mode={2} targetSynPerSec={3} sourceSynPerSec={4} windowMs={5}",
                settings.iface(), guard.attachedMode(), settings.mode(), settings.thresholds().targetSynPerSec(),
                settings.thresholds().sourceSynPerSec(), settings.thresholds().windowMs());

        var tracker = new IncidentTracker(settings.site(), settings.host(), settings.quiet(), System::currentTimeMillis,
                System::nanoTime, outbox::nextSeq, outbox::append);
        detect = new DetectLoop(tracker);
        detect.start();
        guard.startEvents(detect::offer);

        publisher = new MqttPublisher(link(), outbox, codec, settings.site(), settings.host(), this::status,
                inbound -> commands.submit(inbound));
        commands = new Commands(this, codec, publisher, settings.site(), settings.host());
        publisher.start();

        telemetry = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("xdpguard-telemetry")
                .daemon(true).unstarted(r));
        var sampler = new TelemetrySampler(settings.site(), settings.host());
        long period = settings.telemetryInterval().toMillis();
        telemetry.scheduleAtFixedRate(() -> {
            try {
                var t = sampler.sample(guard.stats(), System.nanoTime(), System.currentTimeMillis(),
                        detect.activeIncidents(), settings.mode());
                if (t != null) {
                    publisher.publishTelemetry(t);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "telemetry sample failed: {0}", e.toString());
            }
        }, 0, period, TimeUnit.MILLISECONDS);
    }

    private MqttLink link() throws AgentException {
        var b = settings.broker();
        try {
            var tls = b.tls() ? TlsFiles.socketFactory(b.ca(), b.cert(), b.key()) : null;
            Status offline = status().withState(HostState.OFFLINE, startedAt);
            var will = new MqttLink.Outbound(Topic.of(settings.site(), settings.host(), MessageKind.STATUS).path(),
                    codec.encode(offline), 1, true, null, null);
            return new PahoLink(new LinkOptions(b.url(), Topic.clientId(settings.site(), settings.host()), b.username(),
                    b.password(), tls, b.keepAliveSeconds(), will));
        } catch (IOException | GeneralSecurityException e) {
            throw new AgentException("broker TLS files unusable: " + e.getMessage());
        } catch (MqttLink.LinkException e) {
            throw new AgentException(e.getMessage());
        }
    }

    /** The retained status as it stands now. */
    public Status status() {
        Settings s = settings;
        AttachMode attached = guard == null ? null : guard.attachedMode();
        return new Status(Message.SCHEMA, s.site(), s.host(), HostState.ONLINE, Version.agent(),
                System.getProperty("os.version"), s.iface(),
                attached == null ? "none" : attached.name().toLowerCase(Locale.ROOT), s.mode(), s.thresholds(),
                startedAt, System.currentTimeMillis());
    }

    /** Rewrites the kernel's config map (no reload, no re-attach) and republishes the status. */
    public synchronized Status apply(GuardMode mode, Thresholds thresholds) throws AgentException {
        Settings next = settings.withGuard(mode, thresholds);
        try {
            guard.configure(next.guardConfig());
        } catch (GuardException e) {
            throw new AgentException(e.getMessage());
        }
        settings = next;
        LOG.log(Level.INFO, "guard settings applied mode={0} targetSynPerSec={1} sourceSynPerSec={2} windowMs={3} blockMs={4}",
                mode, thresholds.targetSynPerSec(), thresholds.sourceSynPerSec(), thresholds.windowMs(),
                thresholds.blockMs());
        Status status = status();
        publisher.publishStatus(status);
        return status;
    }

    public Settings settings() {
        return settings;
    }

    /** Stops in reverse order: no new telemetry, XDP detached, incidents flushed, offline published. */
    @Override
    public void close() {
        if (telemetry != null) {
            telemetry.shutdownNow();
        }
        if (guard != null) {
            boolean attached = guard.attachedMode() != null;
            guard.close();
            if (attached) {
                LOG.log(Level.INFO, "XDP Guard detached iface={0}", settings.iface());
            }
        }
        if (detect != null) {
            detect.close();
        }
        if (commands != null) {
            commands.close();
        }
        if (publisher != null) {
            publisher.shutdown(Duration.ofSeconds(3), System.currentTimeMillis());
            publisher.close();
        }
        if (outbox != null) {
            try {
                outbox.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "outbox close failed: {0}", e.toString());
            }
        }
    }

    /** A start-up or runtime failure whose message is the one line an operator needs. */
    public static final class AgentException extends Exception {
        public AgentException(String message) {
            super(message);
        }
    }
}
