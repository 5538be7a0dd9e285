package io.xdpguard.agent.config;

import java.nio.file.Path;

/** Values given on the command line; null means "not given", so the file or the default applies. */
public record Overrides(String site, String host, String iface, String attach, String brokerUrl, String username,
                        Path passwordFile, Path ca, Path cert, Path key, String mode, Integer windowMs,
                        Long targetSynPerSec, Long sourceSynPerSec, Integer blockMs, Integer quietMs, Path outbox,
                        Path bpfObject) {
    public static Overrides none() {
        return new Overrides(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }
}
