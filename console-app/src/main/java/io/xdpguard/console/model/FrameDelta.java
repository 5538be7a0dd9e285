package io.xdpguard.console.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that changed since the FX thread last looked: the one batch it applies per frame. Built by the
 * fleet thread; {@link Builder} merges several into one (later changes to the same host or alert win).
 */
public record FrameDelta(List<HostSnapshot> hosts, List<AlertEntry> alerts, List<IncidentGroup> incidents,
                         List<String> removedIncidents, List<RateSample> fleetSamples,
                         Map<HostKey, RateSample> hostSamples) {

    public boolean isEmpty() {
        return hosts.isEmpty() && alerts.isEmpty() && incidents.isEmpty() && removedIncidents.isEmpty()
                && fleetSamples.isEmpty() && hostSamples.isEmpty();
    }

    /** Not thread-safe: the owner (the frame hand-off) locks around it. */
    public static final class Builder {
        private final LinkedHashMap<HostKey, HostSnapshot> hosts = new LinkedHashMap<>();
        private final LinkedHashMap<AlertKey, AlertEntry> alerts = new LinkedHashMap<>();
        private final LinkedHashMap<String, IncidentGroup> incidents = new LinkedHashMap<>();
        private final List<String> removed = new ArrayList<>();
        private final List<RateSample> fleet = new ArrayList<>();
        private final LinkedHashMap<HostKey, RateSample> hostSamples = new LinkedHashMap<>();

        public void add(FrameDelta d) {
            d.hosts.forEach(h -> hosts.put(h.key(), h));
            d.alerts.forEach(a -> alerts.put(a.key(), a));
            for (String gone : d.removedIncidents) {
                incidents.remove(gone);
                removed.add(gone);
            }
            d.incidents.forEach(i -> {
                incidents.put(i.id(), i);
                removed.remove(i.id());
            });
            fleet.addAll(d.fleetSamples);
            hostSamples.putAll(d.hostSamples);
        }

        public FrameDelta build() {
            return new FrameDelta(List.copyOf(hosts.values()), List.copyOf(alerts.values()),
                    List.copyOf(incidents.values()), List.copyOf(removed), List.copyOf(fleet),
                    Map.copyOf(hostSamples));
        }

        public void clear() {
            hosts.clear();
            alerts.clear();
            incidents.clear();
            removed.clear();
            fleet.clear();
            hostSamples.clear();
        }

        public boolean isEmpty() {
            return hosts.isEmpty() && alerts.isEmpty() && incidents.isEmpty() && removed.isEmpty()
                    && fleet.isEmpty() && hostSamples.isEmpty();
        }
    }
}
