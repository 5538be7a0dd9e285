package io.xdpguard.console.model;

import io.xdpguard.protocol.Severity;
import java.util.List;

/**
 * Alerts of one attack as the analyst sees it: agents' incidents joined when they share a target or a source,
 * so one flood seen by several hosts is one row listing every host.
 */
public record IncidentGroup(String id, Severity severity, boolean active, List<HostKey> hosts, List<String> targets,
                            List<String> sources, long firstSeen, long lastUpdate, long peakSynPerSec,
                            int alertCount) {
    public IncidentGroup {
        hosts = List.copyOf(hosts);
        targets = List.copyOf(targets);
        sources = List.copyOf(sources);
    }

    public boolean multiHost() {
        return hosts.size() > 1;
    }
}
