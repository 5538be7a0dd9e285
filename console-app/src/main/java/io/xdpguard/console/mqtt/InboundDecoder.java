package io.xdpguard.console.mqtt;

import io.xdpguard.console.model.AlertReceipts;
import io.xdpguard.console.model.Diagnostics;
import io.xdpguard.console.model.Inbound;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.Decoded;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Decodes and validates on the receive thread, so the fleet and FX threads only see good messages.
 * Rejections are counted with a short detail; they are never shown as data and never throw. An accepted alert
 * goes to the receive log ({@link AlertReceipts}) before it is handed on, and the link acknowledges it to the broker
 * only after this returns.
 */
final class InboundDecoder {
    private static final int MAX_DETAIL = 200;
    private final String broker;
    private final Codec codec;
    private final Diagnostics diagnostics;
    private final Consumer<Inbound> sink;
    private final AlertReceipts receipts;
    private final Clock clock;

    InboundDecoder(String broker, Codec codec, Diagnostics diagnostics, Consumer<Inbound> sink, Clock clock) {
        this(broker, codec, diagnostics, sink, AlertReceipts.NONE, clock);
    }

    InboundDecoder(String broker, Codec codec, Diagnostics diagnostics, Consumer<Inbound> sink,
                   AlertReceipts receipts, Clock clock) {
        this.broker = broker;
        this.codec = codec;
        this.diagnostics = diagnostics;
        this.sink = sink;
        this.receipts = receipts;
        this.clock = clock;
    }

    void decode(String topic, byte[] payload, boolean retained) {
        long now = clock.millis();
        switch (codec.decode(topic, payload)) {
            case Decoded.Accepted a -> {
                Inbound in = new Inbound(broker, a.message(), retained, now);
                if (a.message() instanceof Alert) {
                    receipts.received(broker, now, topic, payload, () -> sink.accept(in));
                } else {
                    sink.accept(in);
                }
            }
            case Decoded.Rejected r -> {
                String detail = r.detail() == null ? "" : r.detail();
                diagnostics.rejected(new Diagnostics.Reject(now, broker, cut(topic), r.reason(),
                        detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail));
            }
        }
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "…";
    }
}
