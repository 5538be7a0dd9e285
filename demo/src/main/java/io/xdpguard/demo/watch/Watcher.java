package io.xdpguard.demo.watch;

import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.CommandReply;
import io.xdpguard.protocol.CommandRequest;
import io.xdpguard.protocol.Decoded;
import io.xdpguard.protocol.Message;
import io.xdpguard.protocol.MessageKind;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Telemetry;
import io.xdpguard.protocol.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * The demo's own subscriber: sees what a console would see, records it, and hands each observation to
 * a listener (the headless printer). Also sends the scenario's commands the MQTT 5 way.
 */
public final class Watcher implements AutoCloseable {
    private static final String REPLIES = "xdpguard-console/demo/reply/";

    private final Codec codec = new Codec();
    private final MqttAsyncClient client;
    private final List<Observed> observed = new CopyOnWriteArrayList<>();
    private final Map<String, Topic> requests = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<CommandReply>> replies = new ConcurrentHashMap<>();
    private final Consumer<Observed> listener;

    public Watcher(String url, Consumer<Observed> listener) throws MqttException {
        this.listener = listener;
        client = new MqttAsyncClient(url, "xdpguard-demo-watch", new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                receive(topic, m.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int code, MqttProperties p) {
            }
        });
        client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        client.subscribe(new MqttSubscription(Topic.ROOT + "/#", 1)).waitForCompletion(5_000);
        client.subscribe(new MqttSubscription(REPLIES + "#", 1)).waitForCompletion(5_000);
    }

    private void receive(String topic, byte[] payload) {
        long now = System.currentTimeMillis();
        if (topic.startsWith(REPLIES)) {
            String id = topic.substring(REPLIES.length());
            Topic requestTopic = requests.remove(id);
            if (requestTopic != null && codec.decodeReply(requestTopic, payload) instanceof Decoded.Accepted(var t,
                    CommandReply reply)) {
                replies.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(reply);
            }
            return;
        }
        if (codec.decode(topic, payload) instanceof Decoded.Accepted(var t, Message m)) {
            Observed o = switch (m) {
                case Alert a -> new Observed.AlertSeen(a, now);
                case Telemetry te -> new Observed.TelemetrySeen(te, now);
                case Status s -> new Observed.StatusSeen(s, now);
                default -> null;
            };
            if (o != null) {
                observed.add(o);
                listener.accept(o);
            }
        }
    }

    /** Sends a request to one agent and waits for its reply. */
    public CommandReply command(String site, String host, String action, Map<String, String> params,
                                Duration timeout) throws Exception {
        String id = UUID.randomUUID().toString();
        Topic topic = Topic.of(site, host, MessageKind.CMD);
        requests.put(id, topic);
        var future = replies.computeIfAbsent(id, k -> new CompletableFuture<>());
        var props = new MqttProperties();
        props.setResponseTopic(REPLIES + id);
        props.setCorrelationData(id.getBytes(StandardCharsets.UTF_8));
        var request = new CommandRequest(Message.SCHEMA, id, action, params, System.currentTimeMillis());
        client.publish(topic.path(), new MqttMessage(codec.encode(request), 1, false, props)).waitForCompletion(5_000);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            replies.remove(id);
        }
    }

    public List<Observed> observed() {
        return List.copyOf(observed);
    }

    public List<Observed.AlertSeen> alerts() {
        return observed.stream().filter(o -> o instanceof Observed.AlertSeen).map(o -> (Observed.AlertSeen) o).toList();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(2_000);
        }
        client.close(true);
    }
}
