package io.xdpguard.agent.mqtt;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;

/**
 * {@link MqttLink} over Paho's MQTT 5 async client. Paho's own reconnect and file persistence are off
 * (a failed first connect is never retried by it, and its file store can loop with the offline buffer):
 * our outbox is the durable store and {@link MqttPublisher} the reconnect supervisor.
 */
public final class PahoLink implements MqttLink {
    private final LinkOptions options;
    private final MqttAsyncClient client;
    private volatile Consumer<Throwable> onLost = t -> { };
    /** Handler per subscription filter; messages are matched here, as Paho's own listeners are unreliable. */
    private final Map<String, Consumer<Inbound>> handlers = new ConcurrentHashMap<>();

    public PahoLink(LinkOptions options) throws LinkException {
        this.options = options;
        try {
            this.client = new MqttAsyncClient(options.url().replaceFirst("^mqtts://", "ssl://")
                    .replaceFirst("^mqtt://", "tcp://"), options.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new LinkException("broker url " + options.url() + " rejected: " + e.getMessage(), e);
        }
    }

    /** Called on Paho's thread when an established connection drops. */
    public void onConnectionLost(Consumer<Throwable> listener) {
        this.onLost = listener;
    }

    @Override
    public void connect(Duration timeout) throws LinkException {
        var o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(options.keepAliveSeconds());
        o.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        if (options.username() != null) {
            o.setUserName(options.username());
        }
        if (options.password() != null) {
            o.setPassword(new String(options.password()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (options.tls() != null) {
            o.setSocketFactory(options.tls());
        }
        if (options.will() != null) {
            var will = new MqttMessage(options.will().payload(), options.will().qos(), options.will().retained(), null);
            o.setWill(options.will().topic(), will);
        }
        client.setCallback(new Callback());
        try {
            client.connect(o).waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            throw new LinkException(describe(e), e);
        }
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void publish(Outbound m, Duration timeout) throws LinkException {
        var message = new MqttMessage(m.payload(), m.qos(), m.retained(), null);
        if (m.expirySeconds() != null || m.correlationData() != null || m.responseTopic() != null) {
            var props = new MqttProperties();
            if (m.expirySeconds() != null) {
                props.setMessageExpiryInterval(m.expirySeconds());
            }
            if (m.correlationData() != null) {
                props.setCorrelationData(m.correlationData());
            }
            if (m.responseTopic() != null) {
                props.setResponseTopic(m.responseTopic());
            }
            message.setProperties(props);
        }
        try {
            IMqttToken token = client.publish(m.topic(), message);
            token.waitForCompletion(timeout.toMillis());
            if (!token.isComplete()) {
                throw new LinkException("no acknowledgement from the broker within " + timeout.toMillis() + " ms", null);
            }
        } catch (MqttException e) {
            throw new LinkException(describe(e), e);
        }
    }

    @Override
    public void subscribe(String filter, int qos, Consumer<Inbound> handler, Duration timeout) throws LinkException {
        try {
            // Messages are dispatched from the client callback: Paho's per-subscription listeners
            // are not reliably called for MQTT 5 subscriptions.
            handlers.put(filter, handler);
            client.subscribe(new MqttSubscription(filter, qos)).waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            throw new LinkException(describe(e), e);
        }
    }

    @Override
    public void disconnect(Duration timeout) {
        try {
            if (client.isConnected()) {
                client.disconnect(timeout.toMillis()).waitForCompletion(timeout.toMillis());
            }
        } catch (MqttException e) {
            // Closing anyway; the broker then publishes our last will, which says the same thing.
        }
    }

    @Override
    public void close() {
        try {
            client.disconnectForcibly(100, 100, false);
        } catch (MqttException e) {
            // already gone
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
    }

    private String describe(MqttException e) {
        String cause = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
        return options.url() + " " + e.getMessage() + " (reason " + e.getReasonCode() + ")" + cause;
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            onLost.accept(response.getException());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            onLost.accept(exception);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            var props = message.getProperties();
            var inbound = new Inbound(topic, message.getPayload(), props == null ? null : props.getResponseTopic(),
                    props == null ? null : props.getCorrelationData());
            handlers.forEach((filter, handler) -> {
                if (MqttTopicValidator.isMatched(filter, topic)) {
                    handler.accept(inbound);
                }
            });
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
