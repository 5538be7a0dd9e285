package io.xdpguard.console.lab;

import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.HostState;
import io.xdpguard.protocol.Message;
import io.xdpguard.protocol.MessageKind;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Topic;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Plays one edge agent the way DESIGN.md says it behaves: client id xdpguard-{site}-{host}, retained status,
 * last will OFFLINE. {@link #crash()} drops the TCP connection without DISCONNECT so the broker fires the will.
 */
public final class SimAgent implements AutoCloseable {
    private static final Codec CODEC = new Codec();
    private final String site;
    private final String host;
    private final MqttClient client;

    public SimAgent(String url, String site, String host) throws MqttException {
        this.site = site;
        this.host = host;
        this.client = new MqttClient(url, Topic.clientId(site, host), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setKeepAliveInterval(5);
        Status will = Messages.status(site, host, HostState.OFFLINE, GuardMode.MONITOR, System.currentTimeMillis());
        MqttMessage w = new MqttMessage(CODEC.encode(will));
        w.setQos(1);
        w.setRetained(true);
        o.setWill(Topic.of(site, host, MessageKind.STATUS).path(), w);
        client.connect(o);
    }

    public SimAgent online(GuardMode mode) throws MqttException {
        publish(Messages.status(site, host, HostState.ONLINE, mode, System.currentTimeMillis()));
        return this;
    }

    public void publish(Message m) throws MqttException {
        boolean retained = m.messageKind() == MessageKind.STATUS;
        int qos = m.messageKind() == MessageKind.TELEMETRY ? 0 : 1;
        client.publish(Topic.of(site, host, m.messageKind()).path(), CODEC.encode(m), qos, retained);
    }

    /** Anything on any topic, for malformed-input tests. */
    public void raw(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    public void crash() throws MqttException {
        client.disconnectForcibly(0, 0, false);
        client.close(true);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close(true);
    }
}
