package io.xdpguard.demo.watch;

import io.xdpguard.agent.mqtt.LinkOptions;
import io.xdpguard.agent.mqtt.MqttLink;
import io.xdpguard.agent.mqtt.PahoLink;
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

/**
 * The demo's own subscriber, on the agent's MQTT link: sees what a console would see, records it, and
 * hands each observation to a listener (the headless printer). Also sends the scenario's commands the
 * MQTT 5 way.
 */
public final class Watcher implements AutoCloseable {
    private static final String REPLIES = "xdpguard-console/demo/reply/";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Codec codec = new Codec();
    private final PahoLink link;
    private final List<Observed> observed = new CopyOnWriteArrayList<>();
    private final Map<String, Topic> requests = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<CommandReply>> replies = new ConcurrentHashMap<>();
    private final Consumer<Observed> listener;

    public Watcher(String url, Consumer<Observed> listener) throws MqttLink.LinkException {
        this.listener = listener;
        link = new PahoLink(new LinkOptions(url, "xdpguard-demo-watch", null, null, null, 10, null));
        link.connect(TIMEOUT);
        link.subscribe(Topic.ROOT + "/#", 1, this::receive, TIMEOUT);
        link.subscribe(REPLIES + "#", 1, this::reply, TIMEOUT);
    }

    private void reply(MqttLink.Inbound message) {
        String id = message.topic().substring(REPLIES.length());
        Topic requestTopic = requests.remove(id);
        if (requestTopic != null && codec.decodeReply(requestTopic, message.payload())
                instanceof Decoded.Accepted(var t, CommandReply reply)) {
            replies.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(reply);
        }
    }

    private void receive(MqttLink.Inbound message) {
        long now = System.currentTimeMillis();
        if (codec.decode(message.topic(), message.payload()) instanceof Decoded.Accepted(var t, Message m)) {
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
        var request = new CommandRequest(Message.SCHEMA, id, action, params, System.currentTimeMillis());
        link.publish(new MqttLink.Outbound(topic.path(), codec.encode(request), 1, false, null,
                id.getBytes(StandardCharsets.UTF_8), REPLIES + id), TIMEOUT);
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
    public void close() {
        link.disconnect(Duration.ofSeconds(2));
        link.close();
    }
}
