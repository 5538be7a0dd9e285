package io.xdpguard.console.mqtt;

import io.xdpguard.console.model.AlertReceipts;
import io.xdpguard.console.model.BrokerState;
import io.xdpguard.console.model.Diagnostics;
import io.xdpguard.console.model.Inbound;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.console.sched.Background;
import io.xdpguard.protocol.Codec;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Every broker the console is connected to, one supervisor each; their states for the UI. Thread-safe. */
public final class BrokerConnections implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BrokerConnections.class.getName());
    private static final Duration FORGET_TIMEOUT = Duration.ofSeconds(5);
    private final BrokerLinkFactory factory;
    private final Codec codec;
    private final Diagnostics diagnostics;
    private final Consumer<Inbound> sink;
    private final Clock clock;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Map<String, BrokerSupervisor> supervisors = new ConcurrentHashMap<>();
    private final Map<String, BrokerState> states = new ConcurrentHashMap<>();
    private final AgentCommands commands;
    private final AlertReceipts receipts;
    // Guarded by this: sessions being dropped, waited for (briefly) when the console closes.
    private final List<Thread> forgetting = new ArrayList<>();
    // Guarded by this: a profile saved on the profile thread may finish after the console closed its connections.
    private boolean closed;

    public BrokerConnections(BrokerLinkFactory factory, Codec codec, Diagnostics diagnostics, Consumer<Inbound> sink,
                             Clock clock, Duration minBackoff, Duration maxBackoff) {
        this(factory, codec, diagnostics, sink, AlertReceipts.NONE, clock, minBackoff, maxBackoff);
    }

    /** {@code receipts}: where each alert goes before the broker is told it arrived (the receive log). */
    public BrokerConnections(BrokerLinkFactory factory, Codec codec, Diagnostics diagnostics, Consumer<Inbound> sink,
                             AlertReceipts receipts, Clock clock, Duration minBackoff, Duration maxBackoff) {
        this.factory = factory;
        this.receipts = receipts;
        this.codec = codec;
        this.diagnostics = diagnostics;
        this.sink = sink;
        this.clock = clock;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.commands = new AgentCommands(this::request, sink, codec, clock, AgentCommands.DEFAULT_TIMEOUT);
    }

    /** Commands to agents (set mode, thresholds, status) over these connections. */
    public AgentCommands commands() {
        return commands;
    }

    /** Starts (or restarts, with new settings) the connection of one profile; nothing once closed. */
    public synchronized void open(ConnectionProfile profile, ProfileSecrets secrets) {
        close(profile.name());
        if (closed || !profile.enabled()) {
            return;
        }
        BrokerSupervisor s = new BrokerSupervisor(profile, secrets, factory,
                new InboundDecoder(profile.name(), codec, diagnostics, sink, receipts, clock), commands::replied,
                st -> states.put(st.profile(), st), clock, minBackoff, maxBackoff);
        supervisors.put(profile.name(), s);
        s.start();
    }

    /**
     * Has {@code profile}'s broker drop the session this console kept there ({@link BrokerLinkFactory#forget}), on a
     * thread of its own ("xg-forget-{profile}"): for a profile removed, or whose site filter changed, once its
     * connection is closed. A broker that cannot be reached drops the session itself when it expires.
     */
    public synchronized void forget(ConnectionProfile profile, ProfileSecrets secrets) {
        if (closed) {
            return;
        }
        Thread t = Background.thread("xg-forget-" + profile.name(), Background.INGEST, () -> {
            try {
                factory.forget(profile, secrets, FORGET_TIMEOUT);
                LOG.log(Level.INFO, "broker={0} url={1} event=session_forgotten", profile.name(), profile.url());
            } catch (BrokerLink.BrokerException e) {
                LOG.log(Level.WARNING, "broker={0} url={1} event=session_not_forgotten detail=\"{2}; the broker drops "
                        + "it after {3} days\"", profile.name(), profile.url(), e.getMessage(),
                        BrokerSession.EXPIRY.toDays());
            }
        });
        forgetting.removeIf(f -> !f.isAlive());
        forgetting.add(t);
        t.start();
    }

    public synchronized void close(String profile) {
        BrokerSupervisor old = supervisors.remove(profile);
        if (old != null) {
            old.close();
        }
        states.remove(profile);
    }

    public List<BrokerState> states() {
        return states.values().stream().sorted(java.util.Comparator.comparing(BrokerState::profile)).toList();
    }

    public void publish(String profile, String topic, byte[] payload, int qos, boolean retained)
            throws BrokerLink.BrokerException {
        BrokerSupervisor s = supervisors.get(profile);
        if (s == null) {
            throw new BrokerLink.BrokerException("no connection named " + profile, null);
        }
        s.publish(topic, payload, qos, retained);
    }

    void request(String profile, String topic, byte[] payload, byte[] correlationData)
            throws BrokerLink.BrokerException {
        BrokerSupervisor s = supervisors.get(profile);
        if (s == null) {
            throw new BrokerLink.BrokerException("no connection named " + profile, null);
        }
        s.request(topic, payload, correlationData);
    }

    @Override
    public synchronized void close() {
        closed = true;
        commands.close();
        // All at once: each link may wait seconds for its broker's goodbye and its last messages (a console at
        // logout with ten brokers, one of them gone, should not take ten times as long).
        supervisors.values().forEach(BrokerSupervisor::stop);
        supervisors.values().forEach(BrokerSupervisor::awaitStopped);
        supervisors.clear();
        for (Thread t : forgetting) {
            try {
                t.join(FORGET_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
