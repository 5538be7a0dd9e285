package io.xdpguard.agent.mqtt;

import java.time.Duration;

/**
 * The little of MQTT 5 the agent needs, so that Paho stays behind one class. A link never reconnects by
 * itself: {@link MqttPublisher} supervises it, which also covers a first connect that fails.
 */
public interface MqttLink extends AutoCloseable {

    /** A message to publish; {@code expirySeconds}, {@code correlationData} and {@code responseTopic} may be null. */
    record Outbound(String topic, byte[] payload, int qos, boolean retained, Long expirySeconds,
                    byte[] correlationData, String responseTopic) {
        public Outbound(String topic, byte[] payload, int qos, boolean retained, Long expirySeconds,
                        byte[] correlationData) {
            this(topic, payload, qos, retained, expirySeconds, correlationData, null);
        }
    }

    /** A received message with its MQTT 5 request/response properties (null when absent). */
    record Inbound(String topic, byte[] payload, String responseTopic, byte[] correlationData) {
    }

    void connect(Duration timeout) throws LinkException;

    boolean isConnected();

    /** Returns once the broker acknowledged a QoS 1 message, or once a QoS 0 one is written. */
    void publish(Outbound message, Duration timeout) throws LinkException;

    /** Hands each message to the handler on the client's thread; the handler must not block. */
    void subscribe(String filter, int qos, java.util.function.Consumer<Inbound> handler, Duration timeout)
            throws LinkException;

    /** A clean disconnect: the broker does not publish the last will. */
    void disconnect(Duration timeout);

    @Override
    void close();

    final class LinkException extends Exception {
        public LinkException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
