package io.xdpguard.console.mqtt;

import io.xdpguard.console.model.Diagnostics;
import io.xdpguard.console.model.Inbound;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.HostMessage;
import io.xdpguard.protocol.Message;
import io.xdpguard.protocol.Topic;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Made-up messages through the console's real MQTT receive path: a {@link HiveMqBrokerLink} connected to a
 * {@link LoopbackFeed}, subscribed as a broker connection subscribes, its messages decoded by the same
 * {@link InboundDecoder} into {@code sink}. Counted in diagnostics of its own, never the console's. For the start-up
 * warm-up: the MQTT client's code is a good share of what the JIT compilers must compile in a first attack.
 */
public final class Rehearsal implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final LoopbackFeed feed;
    private final BrokerLink link;

    private Rehearsal(LoopbackFeed feed, BrokerLink link) {
        this.feed = feed;
        this.link = link;
    }

    /**
     * Connects and subscribes; the messages then arrive in {@code sink}, on the link's receive thread, as
     * {@link Inbound}s from {@code broker}.
     */
    public static Rehearsal start(String broker, Codec codec, List<Message> messages, Consumer<Inbound> sink)
            throws IOException {
        // Encoded as they are sent, on the feed's thread: a large warm-up starts at once and stops when closed.
        List<LoopbackFeed.Publish> publishes = new java.util.AbstractList<>() {
            @Override
            public LoopbackFeed.Publish get(int i) {
                return encoded(codec, messages.get(i));
            }

            @Override
            public int size() {
                return messages.size();
            }
        };
        LoopbackFeed feed = new LoopbackFeed(publishes);
        ConnectionProfile profile = ConnectionProfile.plain("warm-up", feed.url());
        var decoder = new InboundDecoder(broker, codec, new Diagnostics(), sink, Clock.systemUTC());
        BrokerLink link = null;
        try {
            link = HiveMqBrokerLink.create(profile, ProfileSecrets.NONE, BrokerSession.none(), new BrokerLink.Listener() {
                @Override
                public void message(String topic, byte[] payload, boolean retained) {
                    decoder.decode(topic, payload, retained);
                }

                @Override
                public void lost(String reason) {
                }

                @Override
                public void reply(byte[] correlationData, byte[] payload) {
                }
            });
            link.connect(TIMEOUT);
            link.subscribe(BrokerSupervisor.subscriptions(profile, link), TIMEOUT);
            return new Rehearsal(feed, link);
        } catch (BrokerLink.BrokerException | RuntimeException e) {
            if (link != null) {
                link.close();
            }
            feed.close();
            throw new IOException("warm-up over loopback MQTT failed: " + e.getMessage(), e);
        }
    }

    /**
     * The same messages decoded here, without the MQTT client, by the same decoder: for when the loopback feed
     * cannot be used. Stops early when {@code stop} says so.
     */
    public static void decode(String broker, Codec codec, List<Message> messages, Consumer<Inbound> sink,
                              java.util.function.BooleanSupplier stop) {
        var decoder = new InboundDecoder(broker, codec, new Diagnostics(), sink, Clock.systemUTC());
        for (Message m : messages) {
            if (stop.getAsBoolean()) {
                return;
            }
            LoopbackFeed.Publish p = encoded(codec, m);
            decoder.decode(p.topic(), p.payload(), false);
        }
    }

    private static LoopbackFeed.Publish encoded(Codec codec, Message m) {
        HostMessage h = (HostMessage) m;
        return new LoopbackFeed.Publish(Topic.of(h.site(), h.host(), m.messageKind()).path(), codec.encode(m));
    }

    @Override
    public void close() {
        link.close();
        feed.close();
    }
}
