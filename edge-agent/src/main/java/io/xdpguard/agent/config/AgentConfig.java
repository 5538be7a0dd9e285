package io.xdpguard.agent.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;

/**
 * Everything the agent runs with, as read from {@code agent.yaml} and then overridden by flags.
 * Validation lives in {@link ConfigLoader} so that every error can name its source.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record AgentConfig(String site, String host, String iface, String attach, Broker broker, Guard guard,
                          Incidents incidents, Path outbox, Path bpfObject, Integer telemetryIntervalMs) {

    public record Broker(String url, String username, String password, Path passwordFile, Tls tls,
                         Integer keepAliveSeconds) {
    }

    public record Tls(Path ca, Path cert, Path key) {
    }

    public record Guard(String mode, Integer windowMs, Long targetSynPerSec, Long sourceSynPerSec, Integer blockMs,
                        Integer eventIntervalMs) {
    }

    public record Incidents(Integer quietMs) {
    }
}
