package io.xdpguard.agent.mqtt;

import io.xdpguard.agent.outbox.Outbox;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.HostState;
import io.xdpguard.protocol.MessageKind;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Telemetry;
import io.xdpguard.protocol.Topic;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Owns the broker connection on one thread ("xdpguard-mqtt"): connects and reconnects with backoff,
 * (re)publishes the retained status and (re)subscribes to commands after every connect, and drains the
 * outbox in order, one alert at a time, acknowledging each only after the broker did. Telemetry is
 * best-effort QoS 0 from the caller's thread and simply skipped while disconnected.
 */
public final class MqttPublisher implements AutoCloseable {
    private static final Logger LOG = System.getLogger("mqtt");
    private static final Duration OP_TIMEOUT = Duration.ofSeconds(5);
    private static final long MAX_BACKOFF_MS = 5_000;
    private static final long TELEMETRY_EXPIRY_SECONDS = 5;

    private final MqttLink link;
    private final Outbox outbox;
    private final Codec codec;
    private final String site;
    private final String host;
    private final Consumer<MqttLink.Inbound> commands;
    private final AtomicReference<Status> statusToSend = new AtomicReference<>();
    private final Supplier<Status> currentStatus;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong alertsSent = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean lost;

    /**
     * @param currentStatus the status to publish after each connect
     * @param commands      receives requests on our {@code cmd} topic (on Paho's thread; hand them off)
     */
    public MqttPublisher(MqttLink link, Outbox outbox, Codec codec, String site, String host,
                         Supplier<Status> currentStatus, Consumer<MqttLink.Inbound> commands) {
        this.link = link;
        this.outbox = outbox;
        this.codec = codec;
        this.site = site;
        this.host = host;
        this.currentStatus = currentStatus;
        this.commands = commands;
        if (link instanceof PahoLink paho) {
            paho.onConnectionLost(t -> lost = true);
        }
        this.thread = Thread.ofPlatform().name("xdpguard-mqtt").daemon(false).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Publishes a changed status as soon as the link allows; only the latest one matters. */
    public void publishStatus(Status status) {
        // The drain loop waits on the outbox for at most 50 ms, so this goes out promptly.
        statusToSend.set(status);
    }

    public void publishTelemetry(Telemetry telemetry) {
        if (!link.isConnected()) {
            return;
        }
        try {
            link.publish(new MqttLink.Outbound(topic(MessageKind.TELEMETRY), codec.encode(telemetry), 0, false,
                    TELEMETRY_EXPIRY_SECONDS, null), OP_TIMEOUT);
        } catch (MqttLink.LinkException e) {
            lost = true;
        }
    }

    /** Publishes a reply to a command's response topic at QoS 1. */
    public void reply(String responseTopic, byte[] correlation, byte[] payload) {
        try {
            link.publish(new MqttLink.Outbound(responseTopic, payload, 1, false, null, correlation), OP_TIMEOUT);
        } catch (MqttLink.LinkException e) {
            LOG.log(Level.WARNING, "command reply not delivered topic={0} error={1}", responseTopic, e.getMessage());
        }
    }

    public boolean connected() {
        return link.isConnected() && !lost;
    }

    public long alertsSent() {
        return alertsSent.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    private String topic(MessageKind kind) {
        return Topic.of(site, host, kind).path();
    }

    private void run() {
        long backoff = 200;
        boolean wasConnected = false;
        while (running) {
            if (!link.isConnected() || lost) {
                if (wasConnected) {
                    LOG.log(Level.WARNING, "broker connection lost, reconnecting pendingAlerts={0}", outbox.size());
                    wasConnected = false;
                }
                try {
                    lost = false;
                    link.connect(OP_TIMEOUT);
                    link.subscribe(topic(MessageKind.CMD), 1, commands, OP_TIMEOUT);
                    statusToSend.set(currentStatus.get());
                    reconnects.incrementAndGet();
                    wasConnected = true;
                    backoff = 200;
                    LOG.log(Level.INFO, "broker connected pendingAlerts={0}", outbox.size());
                } catch (MqttLink.LinkException e) {
                    LOG.log(Level.WARNING, "broker unreachable, retrying in {0} ms: {1}", backoff, e.getMessage());
                    if (await(backoff)) {
                        return;
                    }
                    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                    continue;
                }
            }
            try {
                Status status = statusToSend.getAndSet(null);
                if (status != null) {
                    link.publish(new MqttLink.Outbound(topic(MessageKind.STATUS), codec.encode(status), 1, true, null,
                            null), OP_TIMEOUT);
                }
                Alert next = outbox.peek(50, TimeUnit.MILLISECONDS);
                if (next != null) {
                    link.publish(new MqttLink.Outbound(topic(MessageKind.ALERT), codec.encode(next), 1, false, null,
                            null), OP_TIMEOUT);
                    outbox.acknowledge(next);
                    alertsSent.incrementAndGet();
                }
            } catch (MqttLink.LinkException e) {
                lost = true;
                statusToSend.compareAndSet(null, currentStatus.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean await(long ms) {
        try {
            return stopped.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Stops the drain loop, gives queued alerts up to {@code flush} to reach the broker, publishes the
     * retained offline status and disconnects cleanly.
     */
    public void shutdown(Duration flush, long now) {
        running = false;
        stopped.countDown();
        try {
            thread.join(OP_TIMEOUT.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + flush.toNanos();
        try {
            Alert next;
            while (link.isConnected() && System.nanoTime() < deadline && (next = outbox.peek(0, TimeUnit.MILLISECONDS)) != null) {
                link.publish(new MqttLink.Outbound(topic(MessageKind.ALERT), codec.encode(next), 1, false, null, null),
                        OP_TIMEOUT);
                outbox.acknowledge(next);
                alertsSent.incrementAndGet();
            }
            if (link.isConnected()) {
                link.publish(new MqttLink.Outbound(topic(MessageKind.STATUS),
                        codec.encode(currentStatus.get().withState(HostState.OFFLINE, now)), 1, true, null, null),
                        OP_TIMEOUT);
            }
        } catch (MqttLink.LinkException | InterruptedException e) {
            LOG.log(Level.WARNING, "shutdown flush incomplete, alerts stay in the outbox: {0}", e.getMessage());
        }
        link.disconnect(Duration.ofSeconds(2));
    }

    @Override
    public void close() {
        link.close();
    }
}
