package io.xdpguard.agent.config;

import io.xdpguard.agent.guard.AttachMode;
import io.xdpguard.agent.guard.GuardConfig;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Thresholds;
import java.nio.file.Path;
import java.time.Duration;

/** The validated, fully defaulted settings: what the rest of the agent reads. */
public record Settings(String site, String host, String iface, AttachMode attach, BrokerSettings broker,
                       GuardMode mode, Thresholds thresholds, int eventIntervalMs, Duration quiet, Path outbox,
                       Path bpfObject, Duration telemetryInterval) {

    public record BrokerSettings(String url, String username, char[] password, Path ca, Path cert, Path key,
                                 int keepAliveSeconds) {
        public boolean tls() {
            return url.startsWith("ssl://") || url.startsWith("mqtts://");
        }

        @Override
        public String toString() {
            return "BrokerSettings[url=" + url + ", username=" + username + ", password=" + (password == null ? "none" : "***")
                    + ", ca=" + ca + ", cert=" + cert + ", key=" + key + "]";
        }
    }

    /** The kernel's view of these settings. */
    public GuardConfig guardConfig() {
        var kernelMode = switch (mode) {
            case MONITOR -> io.xdpguard.agent.guard.GuardMode.MONITOR;
            case SHADOW -> io.xdpguard.agent.guard.GuardMode.SHADOW;
            case ENFORCE -> io.xdpguard.agent.guard.GuardMode.ENFORCE;
        };
        return new GuardConfig(kernelMode, thresholds.windowMs(), thresholds.targetSynPerSec(),
                thresholds.sourceSynPerSec(), thresholds.blockMs(), eventIntervalMs);
    }

    public Settings withGuard(GuardMode newMode, Thresholds newThresholds) {
        return new Settings(site, host, iface, attach, broker, newMode, newThresholds, eventIntervalMs, quiet, outbox,
                bpfObject, telemetryInterval);
    }
}
