package io.xdpguard.agent;

import io.xdpguard.agent.mqtt.MqttLink;
import io.xdpguard.agent.mqtt.MqttPublisher;
import io.xdpguard.protocol.CommandReply;
import io.xdpguard.protocol.CommandRequest;
import io.xdpguard.protocol.Decoded;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Message;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Thresholds;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Executes console requests from our {@code cmd} topic on a thread of its own ("xdpguard-cmd"), never on
 * the MQTT client's, and answers on the request's response topic with its correlation data.
 */
final class Commands implements AutoCloseable {
    private static final Logger LOG = System.getLogger("cmd");

    private final Agent agent;
    private final Codec codec;
    private final MqttPublisher publisher;
    private final String site;
    private final String host;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("xdpguard-cmd").daemon(true).unstarted(r));

    Commands(Agent agent, Codec codec, MqttPublisher publisher, String site, String host) {
        this.agent = agent;
        this.codec = codec;
        this.publisher = publisher;
        this.site = site;
        this.host = host;
    }

    void submit(MqttLink.Inbound inbound) {
        try {
            executor.execute(() -> handle(inbound));
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private void handle(MqttLink.Inbound inbound) {
        if (inbound.responseTopic() == null) {
            LOG.log(Level.WARNING, "command ignored: no response topic topic={0}", inbound.topic());
            return;
        }
        Decoded decoded = codec.decode(inbound.topic(), inbound.payload());
        CommandReply reply;
        if (decoded instanceof Decoded.Accepted(var topic, CommandRequest request)) {
            reply = execute(request);
        } else {
            String why = decoded instanceof Decoded.Rejected r ? r.reason() + ": " + r.detail() : "not a request";
            reply = new CommandReply(Message.SCHEMA, "invalid", site, host, false, "request refused: " + why, null,
                    System.currentTimeMillis());
        }
        LOG.log(Level.INFO, "command id={0} ok={1} message={2}", reply.id(), reply.ok(), reply.message());
        publisher.reply(inbound.responseTopic(), inbound.correlationData(), codec.encode(reply));
    }

    private CommandReply execute(CommandRequest request) {
        try {
            Status status = switch (request.action()) {
                case CommandRequest.STATUS -> agent.status();
                case CommandRequest.SET_MODE -> agent.apply(mode(request.params()), agent.settings().thresholds());
                case CommandRequest.SET_THRESHOLDS -> agent.apply(agent.settings().mode(),
                        thresholds(agent.settings().thresholds(), request.params()));
                default -> throw new IllegalArgumentException("unknown action '" + request.action()
                        + "' (known: status, set_mode, set_thresholds)");
            };
            return new CommandReply(Message.SCHEMA, request.id(), site, host, true,
                    request.action() + " done: mode " + status.mode().wire(), status, System.currentTimeMillis());
        } catch (IllegalArgumentException | Agent.AgentException e) {
            return new CommandReply(Message.SCHEMA, request.id(), site, host, false, e.getMessage(), null,
                    System.currentTimeMillis());
        }
    }

    private static GuardMode mode(Map<String, String> params) {
        return GuardMode.ofWire(params.get("mode"));
    }

    private static Thresholds thresholds(Thresholds now, Map<String, String> p) {
        try {
            return new Thresholds(
                    p.containsKey("windowMs") ? Integer.parseInt(p.get("windowMs")) : now.windowMs(),
                    p.containsKey("targetSynPerSec") ? Long.parseLong(p.get("targetSynPerSec")) : now.targetSynPerSec(),
                    p.containsKey("sourceSynPerSec") ? Long.parseLong(p.get("sourceSynPerSec")) : now.sourceSynPerSec(),
                    p.containsKey("blockMs") ? Integer.parseInt(p.get("blockMs")) : now.blockMs());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("thresholds must be whole numbers: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
