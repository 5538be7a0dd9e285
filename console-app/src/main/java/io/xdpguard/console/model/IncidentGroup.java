package io.xdpguard.console.model;

import io.xdpguard.protocol.Severity;
import java.util.List;

/**
 * Alerts of one attack as the analyst sees it: agents' incidents joined when they share a target or a source,
 * so one flood seen by several hosts is one row listing every host. {@code expired} says why the console ended
 * it without an agent's END (e.g. "host offline", "no alert for 30 s"); null while active or when it ended normally.
 */
public record IncidentGroup(String id, Severity severity, boolean active, List<HostKey> hosts, List<String> targets,
                            List<String> sources, long firstSeen, long lastUpdate, long peakSynPerSec,
                            int alertCount, String expired) {
    public IncidentGroup {
        hosts = List.copyOf(hosts);
        targets = List.copyOf(targets);
        sources = List.copyOf(sources);
        if (active) {
            expired = null;
        }
    }

    public boolean multiHost() {
        return hosts.size() > 1;
    }

    /** Ended because the console stopped hearing of it, not because the agent said so. */
    public boolean isExpired() {
        return expired != null;
    }
}
