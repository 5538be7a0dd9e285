package io.xdpguard.console.mqtt;

import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
 * {@link BrokerLink} over Eclipse Paho MQTT 5. Paho's own reconnect is off: it does not retry a failed
 * first connect (paho.mqtt.java#825) and resubscribing from its callbacks can deadlock (#999).
 */
public final class PahoBrokerLink implements BrokerLink {
    private final ConnectionProfile profile;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String replyTopic;

    private PahoBrokerLink(ConnectionProfile profile, MqttAsyncClient client, MqttConnectionOptions options,
                           String replyTopic) {
        this.profile = profile;
        this.client = client;
        this.options = options;
        this.replyTopic = replyTopic;
    }

    public static BrokerLinkFactory factory() {
        return PahoBrokerLink::create;
    }

    static PahoBrokerLink create(ConnectionProfile profile, ProfileSecrets secrets, Listener listener)
            throws BrokerException {
        // Unique per connection: two consoles (or two profiles on one broker) must not kick each other off.
        String clientId = "xg-console-" + profile.name() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try {
            MqttAsyncClient client = new MqttAsyncClient(profile.url(), clientId, new MemoryPersistence());
            String replyTopic = "xdpguard-console/" + clientId + "/reply";
            client.setCallback(new Callback(listener, replyTopic));
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setSessionExpiryInterval(0L);
            o.setAutomaticReconnect(false);
            o.setKeepAliveInterval(10);
            o.setConnectionTimeout(10);
            o.setReceiveMaximum(65_535);
            if (profile.username() != null) {
                o.setUserName(profile.username());
            }
            if (secrets.password() != null) {
                o.setPassword(secrets.password().getBytes(StandardCharsets.UTF_8));
            }
            o.setSocketFactory(profile.tls() ? TlsSockets.factory(profile, secrets) : new BufferedSockets());
            return new PahoBrokerLink(profile, client, o, replyTopic);
        } catch (MqttException e) {
            throw new BrokerException("cannot create MQTT client for " + profile.url() + ": " + describe(e), e);
        } catch (Exception e) {
            throw new BrokerException("TLS setup for " + profile.name() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void connect(Duration timeout) throws BrokerException {
        try {
            client.connect(options).waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            throw new BrokerException("connect failed: " + ConnectFailures.explain(e, profile), e);
        }
    }

    @Override
    public void subscribe(List<Subscription> subscriptions, Duration timeout) throws BrokerException {
        MqttSubscription[] subs = subscriptions.stream().map(s -> new MqttSubscription(s.filter(), s.qos()))
                .toArray(MqttSubscription[]::new);
        try {
            IMqttToken token = client.subscribe(subs);
            token.waitForCompletion(timeout.toMillis());
            int[] codes = token.getReasonCodes();
            for (int i = 0; codes != null && i < codes.length; i++) {
                if (codes[i] >= 0x80) {
                    throw new BrokerException("broker refused subscription " + subs[Math.min(i, subs.length - 1)]
                            .getTopic() + " (reason code 0x" + Integer.toHexString(codes[i]) + ", check the ACL)", null);
                }
            }
        } catch (MqttException e) {
            throw new BrokerException("subscribe failed: " + describe(e), e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained) throws BrokerException {
        try {
            MqttMessage m = new MqttMessage(payload);
            m.setQos(qos);
            m.setRetained(retained);
            client.publish(topic, m).waitForCompletion(5_000);
        } catch (MqttException e) {
            throw new BrokerException("publish failed: " + describe(e), e);
        }
    }

    @Override
    public String replyTopic() {
        return replyTopic;
    }

    @Override
    public void request(String topic, byte[] payload, byte[] correlationData) throws BrokerException {
        try {
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            MqttProperties props = new MqttProperties();
            props.setResponseTopic(replyTopic);
            props.setCorrelationData(correlationData);
            m.setProperties(props);
            client.publish(topic, m).waitForCompletion(5_000);
        } catch (MqttException e) {
            throw new BrokerException("command not sent: " + describe(e), e);
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1_000, true);
            }
        } catch (MqttException ignored) {
            // Closing a link that is already broken: nothing left to tell the broker.
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // As above: the client's threads are gone either way.
        }
    }

    static String describe(MqttException e) {
        String cause = e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")";
        return e.getMessage() + cause;
    }

    private record Callback(Listener listener, String replyTopic) implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            listener.lost(response.getReasonString() != null ? response.getReasonString()
                    : response.getException() != null ? describe(response.getException())
                    : "disconnected (reason code " + response.getReturnCode() + ")");
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            listener.lost("protocol error: " + describe(exception));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (replyTopic.equals(topic)) {
                MqttProperties p = message.getProperties();
                listener.reply(p == null ? null : p.getCorrelationData(), message.getPayload());
                return;
            }
            listener.message(topic, message.getPayload(), message.isRetained());
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
