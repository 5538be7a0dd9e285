package io.xdpguard.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON for every payload, and the one place where inbound payloads are judged. Thread-safe: one instance
 * can be shared by every decoding thread.
 */
public final class Codec {
    /** Far above any real payload (an alert with ten sources is under 2 KiB), far below a memory problem. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private final ObjectMapper mapper = JsonMapper.builder()
            // A newer agent may add fields within schema 1; older consoles ignore them.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            // A number is a number: "1" or 1.5 for an integer field is invalid, not quietly converted.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    public byte[] encode(Message message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode " + message.messageKind(), e);
        }
    }

    public String encodeToString(Message message) {
        return new String(encode(message), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Decodes a payload received on {@code topicPath}; never throws. */
    public Decoded decode(String topicPath, byte[] payload) {
        var topic = Topic.parse(topicPath);
        if (topic.isEmpty()) {
            return new Decoded.Rejected(Rejection.FOREIGN_TOPIC, "not an XDP Guard topic: " + topicPath);
        }
        return decode(topic.get(), payload, false);
    }

    /** Decodes a command reply, which arrives on a console's own response topic. */
    public Decoded decodeReply(Topic requestTopic, byte[] payload) {
        return decode(requestTopic, payload, true);
    }

    private Decoded decode(Topic topic, byte[] payload, boolean reply) {
        if (payload == null || payload.length == 0) {
            return new Decoded.Rejected(Rejection.MALFORMED, "empty payload");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return new Decoded.Rejected(Rejection.TOO_LARGE, payload.length + " bytes");
        }
        Class<? extends Message> type = switch (topic.kind()) {
            case STATUS -> Status.class;
            case TELEMETRY -> Telemetry.class;
            case ALERT -> Alert.class;
            case CMD -> reply ? CommandReply.class : CommandRequest.class;
        };
        // Fast path for the common case, a good message: bound in one pass (the records check the schema
        // themselves). Only a payload that fails is parsed again as a tree, to say precisely why: the tree
        // pass doubled the decoding cost and garbage of every message under a burst.
        try {
            Message message = mapper.readValue(payload, type);
            if (message != null) {
                return checkHost(topic, message);
            }
        } catch (IOException | IllegalArgumentException e) {
            // Judged below.
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(payload);
        } catch (IOException e) {
            return new Decoded.Rejected(Rejection.MALFORMED, firstLine(e));
        }
        if (tree == null || !tree.isObject()) {
            return new Decoded.Rejected(Rejection.MALFORMED, "not a JSON object");
        }
        JsonNode schema = tree.get("schema");
        if (schema == null || !schema.isInt() || schema.intValue() != Message.SCHEMA) {
            return new Decoded.Rejected(Rejection.WRONG_SCHEMA, "schema " + schema);
        }
        Message message;
        try {
            message = mapper.treeToValue(tree, type);
        } catch (IOException | IllegalArgumentException e) {
            return new Decoded.Rejected(Rejection.INVALID, firstLine(e));
        }
        return checkHost(topic, message);
    }

    private static Decoded checkHost(Topic topic, Message message) {
        if (message instanceof HostMessage hm && (!hm.site().equals(topic.site()) || !hm.host().equals(topic.host()))) {
            return new Decoded.Rejected(Rejection.HOST_MISMATCH,
                    hm.site() + "/" + hm.host() + " on topic of " + topic.site() + "/" + topic.host());
        }
        return new Decoded.Accepted(topic, message);
    }

    private static String firstLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = String.valueOf(root.getMessage());
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** For callers that store or export messages as JSON (journal, history, export). */
    public ObjectMapper mapper() {
        return mapper;
    }
}
