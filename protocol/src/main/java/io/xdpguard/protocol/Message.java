package io.xdpguard.protocol;

/** Every payload on our topics. Agent-originated ones name their site and host, which must match the topic. */
public sealed interface Message permits Status, Telemetry, Alert, CommandRequest, CommandReply {
    int SCHEMA = 1;

    int schema();

    MessageKind messageKind();
}
