package io.xdpguard.console.model;

import io.xdpguard.protocol.Message;

/** A decoded, validated message on its way into the fleet state. */
public record Inbound(String broker, Message message, boolean retained, long receivedAt) {
}
