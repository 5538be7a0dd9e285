package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * A console's request to one agent, sent with an MQTT 5 response topic and correlation data.
 * Actions: {@code status}, {@code set_mode} (params: mode), {@code set_thresholds} (params: windowMs,
 * targetSynPerSec, sourceSynPerSec, blockMs; any subset).
 */
public record CommandRequest(int schema, String id, String action, Map<String, String> params, long ts)
        implements Message {
    public static final String STATUS = "status";
    public static final String SET_MODE = "set_mode";
    public static final String SET_THRESHOLDS = "set_thresholds";

    public CommandRequest {
        Checks.schema(schema);
        Checks.text("id", id, 128);
        Checks.text("action", action, 64);
        params = Map.copyOf(params == null ? Map.of() : params);
        Checks.nonNegative("ts", ts);
    }

    @Override
    @JsonIgnore
    public MessageKind messageKind() {
        return MessageKind.CMD;
    }
}
