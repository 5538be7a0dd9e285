package io.xdpguard.console.mqtt;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.MqttWebSocketConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectRestrictions;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.reactivex.schedulers.Schedulers;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.console.sched.Background;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@link BrokerLink} over the HiveMQ MQTT client (Netty). It replaced Paho here: Paho's receive thread copied
 * every packet a byte at a time through a stream without a bulk read, and the client as a whole took about
 * twice the CPU per message (25,000 QoS-1 messages: 3.2-3.4 s against 1.6 s, README). Its automatic reconnect
 * stays off: {@link BrokerSupervisor} decides when to try again. Each link runs on one I/O thread of its own
 * ({@code xg-mqtt-<profile>-<link>}), started at the ingest priority; messages are handed to the listener on
 * its delivery thread ({@code …-deliver}).
 */
public final class HiveMqBrokerLink implements BrokerLink {
    private static final System.Logger LOG = System.getLogger(HiveMqBrokerLink.class.getName());
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    /** For the connection that drops a session ({@link #forget}): it subscribes to nothing. */
    private static final Listener SILENT = new Listener() {
        @Override
        public void message(String topic, byte[] payload, boolean retained) {
        }

        @Override
        public void lost(String reason) {
        }

        @Override
        public void reply(byte[] correlationData, byte[] payload) {
        }
    };
    /** How long a closing link waits for messages still being handed to the listener. */
    private static final Duration DELIVERY_DRAIN = Duration.ofSeconds(2);

    private final ConnectionProfile profile;
    private final Mqtt5AsyncClient client;
    private final Mqtt5Connect connect;
    private final String replyTopic;
    private final Listener listener;
    private final ExecutorService delivery;
    private volatile boolean up;
    private volatile boolean closing;

    private HiveMqBrokerLink(ConnectionProfile profile, ProfileSecrets secrets, BrokerSession session,
            Listener listener, boolean forgetting) throws Exception {
        this.profile = profile;
        Optional<String> kept = session.name();
        String clientId = clientId(profile, kept);
        this.replyTopic = "xdpguard-console/" + clientId + "/reply";
        URI url = URI.create(profile.url());
        String scheme = url.getScheme();
        boolean web = scheme.startsWith("ws");
        int port = url.getPort() > 0 ? url.getPort() : switch (scheme) {
            case "ssl" -> 8883;
            case "ws" -> 80;
            case "wss" -> 443;
            default -> 1883;
        };
        var transport = MqttClientTransportConfig.builder().serverHost(url.getHost()).serverPort(port)
                .socketConnectTimeout(10, TimeUnit.SECONDS).mqttConnectTimeout(10, TimeUnit.SECONDS);
        if (profile.tls()) {
            TlsMaterial.Managers tls = TlsMaterial.managers(profile, secrets);
            transport.sslConfig(MqttClientSslConfig.builder().trustManagerFactory(tls.trust())
                    .keyManagerFactory(tls.keys()).handshakeTimeout(10, TimeUnit.SECONDS).build());
        }
        if (web) {
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "mqtt" : url.getRawPath().substring(1);
            transport.webSocketConfig(MqttWebSocketConfig.builder().serverPath(path).build());
        }
        // The client's two kinds of threads are ours, named and started at the ingest priority: the socket's
        // (Netty), and the one where the client completes calls (its "application scheduler", by default
        // RxJava's shared pool). The latter ends after a few idle seconds: a closed link needs no shutdown, which
        // would refuse the client's last callbacks as it closes.
        String thread = "xg-mqtt-" + profile.name() + "-" + randomName();
        this.delivery = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> Background.thread(thread + "-deliver", Background.INGEST, r));
        this.listener = listener;
        Mqtt5ClientBuilder b = Mqtt5Client.builder().identifier(clientId).transportConfig(transport.build())
                .executorConfig(MqttClientExecutorConfig.builder()
                        .nettyExecutor(r -> Background.thread(thread, Background.INGEST, r).start())
                        .nettyThreads(1).applicationScheduler(Schedulers.from(delivery)).build())
                .addDisconnectedListener(this::disconnected);
        this.client = b.buildAsync();
        // Acknowledged by hand, once the message is handed on: an alert is then in the receive log, so a crash
        // after the broker forgets it cannot lose it (InboundDecoder). The client sends the PUBACKs in order.
        this.client.publishes(MqttGlobalPublishFilter.ALL, this::deliver, true);
        this.connect = connectMessage(profile, secrets, kept.isPresent() && !forgetting);
    }

    /**
     * Unique per console and profile: two consoles (or two profiles on one broker) must not throw each other off.
     * With a kept session, the installation's name (BrokerSession) and the profile's site filter: a broker keeps a
     * session's subscriptions, so a session made with a wider filter would go on delivering the sites no longer
     * asked for; a changed filter starts another session instead (the old one expires on the broker). Without one,
     * a random name.
     */
    private static String clientId(ConnectionProfile profile, Optional<String> kept) {
        String name = kept.map(n -> n + "-" + BrokerSession.siteFilterDigest(profile.sites()))
                .orElseGet(HiveMqBrokerLink::randomName);
        return "xg-console-" + profile.name() + "-" + name;
    }

    private static String randomName() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** Links that keep {@code session}'s broker sessions (or none, with {@link BrokerSession#none()}). */
    public static BrokerLinkFactory factory(BrokerSession session) {
        return new BrokerLinkFactory() {
            @Override
            public BrokerLink create(ConnectionProfile profile, ProfileSecrets secrets, Listener listener)
                    throws BrokerException {
                return HiveMqBrokerLink.create(profile, secrets, session, listener);
            }

            @Override
            public void forget(ConnectionProfile profile, ProfileSecrets secrets, Duration timeout)
                    throws BrokerException {
                HiveMqBrokerLink.forget(profile, secrets, session, timeout);
            }
        };
    }

    static HiveMqBrokerLink create(ConnectionProfile profile, ProfileSecrets secrets, BrokerSession session,
            Listener listener) throws BrokerException {
        return create(profile, secrets, session, listener, false);
    }

    /**
     * One connection under the client id of {@code profile}'s kept session, with a clean start and no session
     * expiry: the broker drops the session, its subscriptions and its queued alerts, and keeps nothing of this
     * connection either. Nothing to do without a kept session.
     */
    static void forget(ConnectionProfile profile, ProfileSecrets secrets, BrokerSession session, Duration timeout)
            throws BrokerException {
        if (session.name().isEmpty()) {
            return;
        }
        try (HiveMqBrokerLink link = create(profile, secrets, session, SILENT, true)) {
            link.connect(timeout);
        }
    }

    private static HiveMqBrokerLink create(ConnectionProfile profile, ProfileSecrets secrets, BrokerSession session,
            Listener listener, boolean forgetting) throws BrokerException {
        try {
            return new HiveMqBrokerLink(profile, secrets, session, listener, forgetting);
        } catch (IllegalArgumentException e) {
            throw new BrokerException("cannot create MQTT client for " + profile.url() + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new BrokerException("TLS setup for " + profile.name() + " failed: " + e.getMessage(), e);
        }
    }

    private static Mqtt5Connect connectMessage(ConnectionProfile profile, ProfileSecrets secrets, boolean kept) {
        // A kept session resumes where the last connection of this console left it: the broker then sends the
        // QoS-1 alerts it queued meanwhile (the subscriptions are made again anyway, and alert ids dedupe).
        var c = Mqtt5Connect.builder().cleanStart(!kept)
                .sessionExpiryInterval(kept ? BrokerSession.EXPIRY.toSeconds() : 0).keepAlive(10)
                .restrictions(Mqtt5ConnectRestrictions.builder().receiveMaximum(65_535).build());
        if (profile.username() != null || secrets.password() != null) {
            Mqtt5SimpleAuthBuilder.Complete auth = null;
            if (profile.username() != null) {
                auth = Mqtt5SimpleAuth.builder().username(profile.username());
            }
            if (secrets.password() != null) {
                byte[] password = secrets.password().getBytes(StandardCharsets.UTF_8);
                auth = auth == null ? Mqtt5SimpleAuth.builder().password(password) : auth.password(password);
            }
            c.simpleAuth(auth.build());
        }
        return c.build();
    }

    private void deliver(Mqtt5Publish p) {
        try {
            String topic = p.getTopic().toString();
            if (replyTopic.equals(topic)) {
                listener.reply(p.getCorrelationData().map(HiveMqBrokerLink::bytes).orElse(null), p.getPayloadAsBytes());
                return;
            }
            listener.message(topic, p.getPayloadAsBytes(), p.isRetain());
        } catch (RuntimeException e) {
            // Thrown into the client, it would end this connection's deliveries for good.
            LOG.log(Level.ERROR, "event=delivery_failed profile={0} detail=\"{1}\"", profile.name(), e.toString());
        } finally {
            // Every QoS 1 message, whatever became of it: one never acknowledged would hold a slot of the broker's
            // in-flight window for good. QoS 0 has nothing to acknowledge.
            if (p.getQos() != MqttQos.AT_MOST_ONCE) {
                p.acknowledge();
            }
        }
    }

    private void disconnected(MqttClientDisconnectedContext context) {
        // Also called when a connect attempt fails: that is connect()'s to report, not a loss.
        if (!up || closing) {
            return;
        }
        up = false;
        Throwable cause = context.getCause();
        listener.lost(cause == null ? "disconnected" : ConnectFailures.describe(cause));
    }

    @Override
    public void connect(Duration timeout) throws BrokerException {
        await(client.connect(connect), timeout, "connect failed: ", e -> ConnectFailures.explain(e, profile),
                ConnectFailures.timedOut(profile));
        up = true;
    }

    @Override
    public void subscribe(List<Subscription> subscriptions, Duration timeout) throws BrokerException {
        List<Mqtt5Subscription> subs = subscriptions.stream().map(s -> Mqtt5Subscription.builder()
                .topicFilter(s.filter()).qos(MqttQos.fromCode(s.qos())).build()).toList();
        Mqtt5SubAck ack;
        try {
            ack = await(client.subscribe(Mqtt5Subscribe.builder().addSubscriptions(subs).build()), timeout,
                    "subscribe failed: ", ConnectFailures::describe, "no SUBACK within " + timeout.toSeconds() + " s");
        } catch (BrokerException e) {
            // A SUBACK that refuses every filter fails the call: its reason codes are reported below.
            if (!(e.getCause() instanceof Mqtt5SubAckException refused)) {
                throw e;
            }
            ack = refused.getMqttMessage();
        }
        List<Mqtt5SubAckReasonCode> codes = ack.getReasonCodes();
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i).isError()) {
                throw new BrokerException("broker refused subscription " + subs.get(Math.min(i, subs.size() - 1))
                        .getTopicFilter() + " (reason code 0x" + Integer.toHexString(codes.get(i).getCode())
                        + ", check the ACL)", null);
            }
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained) throws BrokerException {
        send(Mqtt5Publish.builder().topic(topic).payload(payload).qos(MqttQos.fromCode(qos)).retain(retained).build(),
                "publish failed: ");
    }

    @Override
    public String replyTopic() {
        return replyTopic;
    }

    @Override
    public void request(String topic, byte[] payload, byte[] correlationData) throws BrokerException {
        send(Mqtt5Publish.builder().topic(topic).payload(payload).qos(MqttQos.AT_LEAST_ONCE).responseTopic(replyTopic)
                .correlationData(correlationData).build(), "command not sent: ");
    }

    private void send(Mqtt5Publish message, String failure) throws BrokerException {
        Mqtt5PublishResult result = await(client.publish(message), SEND_TIMEOUT, failure, ConnectFailures::describe,
                "no acknowledgement within " + SEND_TIMEOUT.toSeconds() + " s");
        if (result.getError().isPresent()) {
            throw new BrokerException(failure + ConnectFailures.describe(result.getError().get()),
                    result.getError().get());
        }
    }

    /**
     * The client's answer within {@code timeout}, else a {@link BrokerException} that starts with {@code failure}
     * and goes on with {@code why} of the client's error, or with {@code late}.
     */
    private static <T> T await(CompletableFuture<T> answer, Duration timeout, String failure,
                               Function<Throwable, String> why, String late) throws BrokerException {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new BrokerException(failure + why.apply(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new BrokerException(failure + late, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException(failure + "interrupted", e);
        }
    }

    @Override
    public void close() {
        closing = true;
        up = false;
        CompletableFuture<Void> done = client.disconnect();
        try {
            done.get(1, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Closing a link that is already broken (or never connected): nothing left to tell the broker.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitDeliveries();
    }

    /**
     * Messages the client has taken (and acknowledged to the broker) may still be on their way through the
     * delivery thread, being decoded: the console closes its fleet pipeline and history right after its links, so
     * they are let through first. The thread runs its tasks in order, so a task put behind them ends after them.
     */
    private void awaitDeliveries() {
        try {
            delivery.submit(() -> { }).get(DELIVERY_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            LOG.log(Level.WARNING, "event=deliveries_not_finished_on_close profile={0} detail=\"{1}\"",
                    profile.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
