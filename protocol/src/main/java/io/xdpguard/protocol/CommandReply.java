package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** An agent's answer to a {@link CommandRequest}, published to the request's response topic. */
public record CommandReply(int schema, String id, String site, String host, boolean ok, String message,
                           Status status, long ts) implements Message, HostMessage {
    public CommandReply {
        Checks.schema(schema);
        Checks.text("id", id, 128);
        Names.require("site", site);
        Names.require("host", host);
        Checks.present("message", message);
        Checks.nonNegative("ts", ts);
    }

    @Override
    @JsonIgnore
    public MessageKind messageKind() {
        return MessageKind.CMD;
    }
}
