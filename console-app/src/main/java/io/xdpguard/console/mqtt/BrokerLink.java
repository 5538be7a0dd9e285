package io.xdpguard.console.mqtt;

import java.time.Duration;
import java.util.List;

/**
 * Our view of one MQTT 5 connection: connect, subscribe, be told of messages and of loss. Nothing here
 * reconnects by itself; {@link BrokerSupervisor} decides when to try again (see docs/ARCHITECTURE.md).
 */
public interface BrokerLink extends AutoCloseable {

    /** Called on the client library's receive thread: must not block. */
    interface Listener {
        void message(String topic, byte[] payload, boolean retained);

        void lost(String reason);

        /** A command reply on this connection's {@link #replyTopic()}, with its correlation data (may be null). */
        void reply(byte[] correlationData, byte[] payload);
    }

    record Subscription(String filter, int qos) {
    }

    void connect(Duration timeout) throws BrokerException;

    void subscribe(List<Subscription> subscriptions, Duration timeout) throws BrokerException;

    /** Sends a message; used by tests. */
    void publish(String topic, byte[] payload, int qos, boolean retained) throws BrokerException;

    /**
     * Where agents answer this connection's commands (the MQTT 5 response topic). Unique per connection, so a
     * reply never reaches another console; subscribed to by the supervisor after every connect.
     */
    String replyTopic();

    /** Publishes a command request at QoS 1 with {@link #replyTopic()} as response topic and the correlation data. */
    void request(String topic, byte[] payload, byte[] correlationData) throws BrokerException;

    @Override
    void close();

    final class BrokerException extends Exception {
        public BrokerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
