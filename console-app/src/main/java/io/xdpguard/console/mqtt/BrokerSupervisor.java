package io.xdpguard.console.mqtt;

import io.xdpguard.console.model.BrokerState;
import io.xdpguard.console.model.BrokerState.Phase;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.console.sched.Background;
import io.xdpguard.protocol.MessageKind;
import io.xdpguard.protocol.Topic;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps one broker connected, on its own thread ("xg-broker-{profile}"): connect, subscribe, wait for the
 * link to drop, back off, repeat. Subscriptions are made from this thread after every connect, never from
 * a client callback. Every phase change is reported, so the UI shows each broker's state.
 */
final class BrokerSupervisor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BrokerSupervisor.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ConnectionProfile profile;
    private final ProfileSecrets secrets;
    private final BrokerLinkFactory factory;
    private final InboundDecoder decoder;
    private final java.util.function.BiConsumer<byte[], byte[]> replies;
    private final Consumer<BrokerState> states;
    private final Clock clock;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final LinkedBlockingQueue<String> losses = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile BrokerLink current;

    BrokerSupervisor(ConnectionProfile profile, ProfileSecrets secrets, BrokerLinkFactory factory,
                     InboundDecoder decoder, java.util.function.BiConsumer<byte[], byte[]> replies,
                     Consumer<BrokerState> states, Clock clock, Duration minBackoff, Duration maxBackoff) {
        this.profile = profile;
        this.secrets = secrets;
        this.factory = factory;
        this.decoder = decoder;
        this.replies = replies;
        this.states = states;
        this.clock = clock;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.thread = Background.thread("xg-broker-" + profile.name(), Background.INGEST, this::run);
    }

    void start() {
        thread.start();
    }

    /** What a connection subscribes to: the profile's sites' topics, and the link's own reply topic. */
    static List<BrokerLink.Subscription> subscriptions(ConnectionProfile p, BrokerLink link) {
        List<BrokerLink.Subscription> subs = new ArrayList<>(subscriptions(p));
        subs.add(new BrokerLink.Subscription(link.replyTopic(), 1));
        return subs;
    }

    static List<BrokerLink.Subscription> subscriptions(ConnectionProfile p) {
        List<String> sites = p.sites().isEmpty() ? java.util.Collections.singletonList(null) : p.sites();
        List<BrokerLink.Subscription> subs = new ArrayList<>();
        for (String site : sites) {
            subs.add(new BrokerLink.Subscription(Topic.filter(site, MessageKind.STATUS), 1));
            subs.add(new BrokerLink.Subscription(Topic.filter(site, MessageKind.TELEMETRY), 0));
            subs.add(new BrokerLink.Subscription(Topic.filter(site, MessageKind.ALERT), 1));
        }
        return subs;
    }

    private void run() {
        long backoff = minBackoff.toMillis();
        int attempt = 0;
        while (running) {
            attempt++;
            report(Phase.CONNECTING, "attempt " + attempt, attempt);
            losses.clear();
            BrokerLink link = null;
            String why;
            try {
                link = factory.create(profile, secrets, new BrokerLink.Listener() {
                    @Override
                    public void message(String topic, byte[] payload, boolean retained) {
                        decoder.decode(topic, payload, retained);
                    }

                    @Override
                    public void lost(String reason) {
                        losses.offer(reason);
                    }

                    @Override
                    public void reply(byte[] correlationData, byte[] payload) {
                        replies.accept(correlationData, payload);
                    }
                });
                current = link;
                link.connect(TIMEOUT);
                link.subscribe(subscriptions(profile, link), TIMEOUT);
                LOG.log(Level.INFO, "broker={0} url={1} event=connected attempt={2}", profile.name(), profile.url(),
                        attempt);
                report(Phase.CONNECTED, "subscribed to " + (profile.sites().isEmpty() ? "all sites"
                        : String.join(", ", profile.sites())), attempt);
                attempt = 0;
                backoff = minBackoff.toMillis();
                why = losses.take();
            } catch (BrokerLink.BrokerException e) {
                why = e.getMessage();
            } catch (InterruptedException e) {
                // Only close() interrupts, and running is false then. The flag stays cleared: link.close() below
                // waits for the broker's goodbye and for messages still being handed over, which a set flag cut off.
                why = "stopped";
            }
            current = null;
            if (link != null) {
                link.close();
            }
            if (!running) {
                break;
            }
            LOG.log(Level.WARNING, "broker={0} url={1} event=disconnected reason=\"{2}\" retry_ms={3}",
                    profile.name(), profile.url(), why, Long.toString(backoff));
            report(Phase.RETRYING, why + " — retrying in " + (backoff < 1000 ? backoff + " ms" : backoff / 1000 + " s"),
                    attempt);
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            // Jittered so that many consoles do not all hit a restarted broker at the same instant.
            backoff = Math.min(maxBackoff.toMillis(),
                    backoff * 2 + ThreadLocalRandom.current().nextLong(Math.max(1, backoff / 4)));
        }
        report(Phase.STOPPED, "stopped", attempt);
    }

    private void report(Phase phase, String detail, int attempt) {
        states.accept(new BrokerState(profile.name(), profile.url(), phase, detail, attempt, clock.millis()));
    }

    /** For the command panel: a request through the live link, if any; replies come to {@code replies}. */
    void request(String topic, byte[] payload, byte[] correlationData) throws BrokerLink.BrokerException {
        BrokerLink link = current;
        if (link == null) {
            throw new BrokerLink.BrokerException(profile.name() + " is not connected", null);
        }
        link.request(topic, payload, correlationData);
    }

    /** For tests: publishes through the live link, if any. */
    void publish(String topic, byte[] payload, int qos, boolean retained) throws BrokerLink.BrokerException {
        BrokerLink link = current;
        if (link == null) {
            throw new BrokerLink.BrokerException(profile.name() + " is not connected", null);
        }
        link.publish(topic, payload, qos, retained);
    }

    @Override
    public void close() {
        stop();
        awaitStopped();
    }

    /** Asks the supervisor to close its link and end, without waiting: see {@link #awaitStopped}. */
    void stop() {
        running = false;
        thread.interrupt();
    }

    void awaitStopped() {
        try {
            // The link's close waits up to 1 s for the DISCONNECT and 2 s for deliveries in progress.
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
