package io.xdpguard.protocol;

/** The outcome of decoding one inbound payload: a message, or the reason it was dropped. */
public sealed interface Decoded {
    record Accepted(Topic topic, Message message) implements Decoded {
    }

    record Rejected(Rejection reason, String detail) implements Decoded {
    }
}
