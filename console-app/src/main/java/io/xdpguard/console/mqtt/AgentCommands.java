package io.xdpguard.console.mqtt;

import io.xdpguard.console.model.CommandOutcome;
import io.xdpguard.console.model.CommandOutcome.Result;
import io.xdpguard.console.model.HostKey;
import io.xdpguard.console.model.Inbound;
import io.xdpguard.console.sched.Background;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.CommandReply;
import io.xdpguard.protocol.CommandRequest;
import io.xdpguard.protocol.Decoded;
import io.xdpguard.protocol.Message;
import io.xdpguard.protocol.MessageKind;
import io.xdpguard.protocol.Topic;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Commands to agents over MQTT 5 request/response: the request goes QoS 1 to the host's {@code cmd} topic
 * with this connection's reply topic and a fresh correlation id; the agent's {@link CommandReply} comes back
 * on the reply topic and completes the future, or the timeout does. Publishing waits for the broker, so it
 * runs on a thread of its own ("xg-commands"), never on the caller's (the FX thread). A successful reply also
 * goes to the fleet (before the future completes): it carries the mode and thresholds the agent now runs, which
 * the wall and host view show at once instead of when the agent's retained status comes round. Thread-safe.
 */
public final class AgentCommands implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(AgentCommands.class.getName());

    /** How a request leaves: through the named broker profile's live connection. */
    @FunctionalInterface
    interface Sender {
        void request(String profile, String topic, byte[] payload, byte[] correlationData)
                throws BrokerLink.BrokerException;
    }

    private record Pending(String profile, Topic topic, CompletableFuture<CommandOutcome> outcome) {
    }

    private final Sender sender;
    private final Consumer<Inbound> fleet;
    private final Codec codec;
    private final Clock clock;
    private final Duration timeout;
    // One entry per command in flight; removed on reply or timeout, so bounded by what an analyst clicks.
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(
            r -> Background.thread("xg-commands", Background.INGEST, r));

    /** @param fleet where successful replies go, like any other message (never blocks: it drops when full) */
    AgentCommands(Sender sender, Consumer<Inbound> fleet, Codec codec, Clock clock, Duration timeout) {
        this.sender = sender;
        this.fleet = fleet;
        this.codec = codec;
        this.clock = clock;
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Sends {@code action} with {@code params} to one host through the broker profile it was seen on. The
     * future always completes (reply, refusal, timeout or send failure) and never exceptionally.
     */
    public CompletableFuture<CommandOutcome> send(String profile, HostKey host, String action,
                                                  Map<String, String> params) {
        String id = UUID.randomUUID().toString();
        Topic topic = Topic.of(host.site(), host.host(), MessageKind.CMD);
        CompletableFuture<CommandOutcome> outcome = new CompletableFuture<>();
        CommandRequest request;
        try {
            request = new CommandRequest(Message.SCHEMA, id, action, params, clock.millis());
        } catch (IllegalArgumentException e) {
            outcome.complete(CommandOutcome.failed("not sent: " + e.getMessage()));
            return outcome;
        }
        pending.put(id, new Pending(profile, topic, outcome));
        outcome.completeOnTimeout(new CommandOutcome(Result.TIMED_OUT, "no reply from " + host + " within "
                        + timeout.toSeconds() + " s: the agent may be offline, or not allowed to read its cmd topic. "
                        + "Check its state before sending again.", null), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((o, e) -> pending.remove(id));
        try {
            publisher.execute(() -> {
                try {
                    sender.request(profile, topic.path(), codec.encode(request), id.getBytes(StandardCharsets.UTF_8));
                    LOG.log(Level.INFO, "event=command_sent host={0} action={1} id={2}", host, action, id);
                } catch (BrokerLink.BrokerException e) {
                    outcome.complete(CommandOutcome.failed("not sent: " + e.getMessage()));
                }
            });
        } catch (RejectedExecutionException e) {
            outcome.complete(CommandOutcome.failed("not sent: the console is shutting down"));
        }
        return outcome;
    }

    /** On a client library's receive thread: matches a reply to its request by correlation id; never blocks. */
    void replied(byte[] correlationData, byte[] payload) {
        Pending p = correlationData == null ? null : pending.get(new String(correlationData, StandardCharsets.UTF_8));
        if (p == null) {
            // Late (already timed out) or not ours: nobody is waiting for it.
            LOG.log(Level.DEBUG, "event=command_reply_unmatched");
            return;
        }
        CommandOutcome outcome = switch (codec.decodeReply(p.topic(), payload)) {
            case Decoded.Accepted(var topic, CommandReply r) when r.ok() -> {
                if (r.status() != null) {
                    fleet.accept(new Inbound(p.profile(), r, false, clock.millis()));
                }
                yield new CommandOutcome(Result.OK, r.message(), r.status());
            }
            case Decoded.Accepted(var topic, CommandReply r) -> new CommandOutcome(Result.REFUSED, r.message(), null);
            case Decoded.Accepted a -> CommandOutcome.failed("unexpected reply: " + a.message().messageKind());
            case Decoded.Rejected r -> CommandOutcome.failed("unreadable reply (" + r.reason() + "): " + r.detail());
        };
        p.outcome().complete(outcome);
    }

    @Override
    public void close() {
        publisher.shutdownNow();
        pending.values().forEach(p -> p.outcome().complete(CommandOutcome.failed("the console closed")));
    }
}
