package io.xdpguard.console.lab;

import io.xdpguard.protocol.CommandReply;
import io.xdpguard.protocol.CommandRequest;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.Decoded;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.HostState;
import io.xdpguard.protocol.Message;
import io.xdpguard.protocol.MessageKind;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Thresholds;
import io.xdpguard.protocol.Topic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Answers an agent's {@code cmd} topic the way edge-agent's Commands does: status, set_mode, set_thresholds
 * (any subset; out-of-range values refused with the Thresholds message), unknown actions refused; the reply
 * goes QoS 1 to the request's response topic with its correlation data. Records every request it saw.
 */
public final class CommandResponder implements AutoCloseable {
    private static final Codec CODEC = new Codec();
    private final String site;
    private final String host;
    private final MqttClient client;
    private final List<CommandRequest> seen = new CopyOnWriteArrayList<>();
    private volatile GuardMode mode;
    private volatile Thresholds thresholds = new Thresholds(50, 5_000, 1_000, 10_000);

    public CommandResponder(String url, String site, String host, GuardMode mode) throws MqttException {
        this.site = site;
        this.host = host;
        this.mode = mode;
        this.client = new MqttClient(url, "xdpguard-" + site + "-" + host + "-cmd", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o);
        // Paho calls back on its receive thread; the reply is published from there, as a small agent might.
        client.subscribe(new MqttSubscription[] {new MqttSubscription(Topic.of(site, host, MessageKind.CMD).path(), 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, msg) -> answer(topic, msg)});
    }

    public List<CommandRequest> seen() {
        return List.copyOf(seen);
    }

    private void answer(String topic, MqttMessage msg) {
        MqttProperties in = msg.getProperties();
        if (in == null || in.getResponseTopic() == null) {
            return;
        }
        CommandReply reply;
        if (CODEC.decode(topic, msg.getPayload()) instanceof Decoded.Accepted(var t, CommandRequest r)) {
            seen.add(r);
            reply = execute(r);
        } else {
            reply = new CommandReply(Message.SCHEMA, "invalid", site, host, false, "request refused", null, now());
        }
        MqttMessage out = new MqttMessage(CODEC.encode(reply));
        out.setQos(1);
        MqttProperties props = new MqttProperties();
        props.setCorrelationData(in.getCorrelationData());
        out.setProperties(props);
        // Not from this callback thread synchronously: Paho's sync client deadlocks publishing from its own callback.
        Thread.ofVirtual().start(() -> {
            try {
                client.publish(in.getResponseTopic(), out);
            } catch (MqttException e) {
                throw new IllegalStateException("reply not sent", e);
            }
        });
    }

    private CommandReply execute(CommandRequest r) {
        try {
            switch (r.action()) {
                case CommandRequest.STATUS -> {
                }
                case CommandRequest.SET_MODE -> mode = GuardMode.ofWire(r.params().get("mode"));
                case CommandRequest.SET_THRESHOLDS -> thresholds = merge(thresholds, r.params());
                default -> throw new IllegalArgumentException("unknown action '" + r.action() + "'");
            }
            Status s = new Status(1, site, host, HostState.ONLINE, "0.1.0", "6.1.0", "eth0", "native", mode,
                    thresholds, now() - 60_000, now());
            return new CommandReply(Message.SCHEMA, r.id(), site, host, true, r.action() + " done: mode " + mode.wire(),
                    s, now());
        } catch (IllegalArgumentException e) {
            return new CommandReply(Message.SCHEMA, r.id(), site, host, false, e.getMessage(), null, now());
        }
    }

    private static Thresholds merge(Thresholds now, Map<String, String> p) {
        return new Thresholds(
                p.containsKey("windowMs") ? Integer.parseInt(p.get("windowMs")) : now.windowMs(),
                p.containsKey("targetSynPerSec") ? Long.parseLong(p.get("targetSynPerSec")) : now.targetSynPerSec(),
                p.containsKey("sourceSynPerSec") ? Long.parseLong(p.get("sourceSynPerSec")) : now.sourceSynPerSec(),
                p.containsKey("blockMs") ? Integer.parseInt(p.get("blockMs")) : now.blockMs());
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close(true);
    }
}
