package io.xdpguard.agent.lab;

import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.CommandReply;
import io.xdpguard.protocol.CommandRequest;
import io.xdpguard.protocol.Decoded;
import io.xdpguard.protocol.Message;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Telemetry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * What a console would receive: every message under {@code xdpguard/v1/#}, decoded by the protocol's codec,
 * with the time it arrived. Uses a persistent session so it also gets what was queued while the broker
 * was restarting.
 */
public final class Subscriber implements AutoCloseable {
    public record Received<T>(T message, long receivedAtMs, long receivedAtNanos) {
    }

    private final Codec codec = new Codec();
    private final String url;
    private final String clientId;
    private volatile MqttAsyncClient client;
    private final MqttCallback callback;
    private final MqttConnectionOptions options = new MqttConnectionOptions();
    public final List<Received<Alert>> alerts = new CopyOnWriteArrayList<>();
    public final List<Received<Status>> statuses = new CopyOnWriteArrayList<>();
    public final List<Received<Telemetry>> telemetry = new CopyOnWriteArrayList<>();
    public final List<String> rejected = new CopyOnWriteArrayList<>();
    public final List<CommandReply> replies = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, io.xdpguard.protocol.Topic> requested = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String REPLIES = "xdpguard-test/replies/";
    private volatile boolean connected;

    public Subscriber(String url, String clientId) throws MqttException {
        this.url = url;
        this.clientId = clientId;
        options.setCleanStart(false);
        options.setSessionExpiryInterval(3600L);
        options.setAutomaticReconnect(false);
        // A connect that hits a broker still starting must fail fast, not hold the client for 30 s.
        options.setConnectionTimeout(3);
        callback = new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
                connected = false;
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                long ms = System.currentTimeMillis();
                long ns = System.nanoTime();
                if (topic.startsWith(REPLIES)) {
                    var requestTopic = requested.get(topic.substring(REPLIES.length()));
                    if (requestTopic == null) {
                        rejected.add(topic + " reply to no request of ours");
                        return;
                    }
                    Decoded reply = codec.decodeReply(requestTopic, m.getPayload());
                    if (reply instanceof Decoded.Accepted(var t, CommandReply r)) {
                        replies.add(r);
                    } else {
                        rejected.add(topic + " " + reply);
                    }
                    return;
                }
                Decoded d = codec.decode(topic, m.getPayload());
                if (d instanceof Decoded.Accepted(var t, Message msg)) {
                    switch (msg) {
                        case Alert a -> alerts.add(new Received<>(a, ms, ns));
                        case Status s -> statuses.add(new Received<>(s, ms, ns));
                        case Telemetry te -> telemetry.add(new Received<>(te, ms, ns));
                        default -> { }
                    }
                } else if (d instanceof Decoded.Rejected r) {
                    rejected.add(topic + " " + r.reason() + " " + r.detail());
                }
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        };
        client = newClient();
    }

    private MqttAsyncClient newClient() throws MqttException {
        var c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        c.setCallback(callback);
        return c;
    }

    public Subscriber connect() throws MqttException {
        client.connect(options).waitForCompletion(5000);
        client.subscribe(new MqttSubscription("xdpguard/v1/#", 1)).waitForCompletion(5000);
        client.subscribe(new MqttSubscription(REPLIES + "#", 1)).waitForCompletion(5000);
        connected = true;
        return this;
    }

    /** Reconnects after a broker restart; the session (and what was queued in it) is kept by the broker. */
    public void reconnect() throws MqttException {
        if (client.isConnected()) {
            connected = true;
            return;
        }
        // A fresh client each time: Paho's client can stay stuck "connecting" after a failed attempt.
        try {
            client.disconnectForcibly(0, 100, false);
        } catch (MqttException e) {
            // it was not connected
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // replaced below anyway
        }
        client = newClient();
        client.connect(options).waitForCompletion(5000);
        connected = true;
    }

    /** Sends a request to one agent the MQTT 5 way: response topic plus correlation data. */
    public void request(String site, String host, CommandRequest request) throws MqttException {
        var topic = io.xdpguard.protocol.Topic.of(site, host, io.xdpguard.protocol.MessageKind.CMD);
        requested.put(request.id(), topic);
        var props = new MqttProperties();
        props.setResponseTopic(REPLIES + request.id());
        props.setCorrelationData(request.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var message = new MqttMessage(codec.encode(request), 1, false, props);
        client.publish(topic.path(), message)
                .waitForCompletion(5000);
    }

    public boolean connected() {
        return connected && client.isConnected();
    }

    public List<Alert> alertMessages() {
        return alerts.stream().map(Received::message).toList();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(2000);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // a connect still in progress: the process ends it
        }
    }
}
