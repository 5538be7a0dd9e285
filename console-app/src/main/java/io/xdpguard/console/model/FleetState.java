package io.xdpguard.console.model;

import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.CommandReply;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.HostState;
import io.xdpguard.protocol.Severity;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Telemetry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fleet as the console knows it: hosts, the live window of alerts, incidents, rate histories.
 * Single writer: only the fleet thread calls its methods, so it needs no locks (except the rate
 * histories, which charts copy). Changes are collected and handed out by {@link #seal()}.
 */
public final class FleetState {
    private static final long FLEET_SAMPLE_FRESH_MS = 2_500;
    private static final int MAX_ACTIVE_PER_HOST = 256;

    /** One of a host's incidents still going on, as far as its alerts say; {@code lastAlertAt} is console time. */
    private record Ongoing(Severity severity, long lastAlertAt) {
    }

    private static final class HostRecord {
        final HostKey key;
        final RateHistory history;
        final Map<String, Ongoing> active = new LinkedHashMap<>();
        String broker;
        Status status;
        Telemetry telemetry;
        Liveness liveness = Liveness.ONLINE;
        long lastSeen;
        long lastHeard;
        // Agent time of the status in the last command reply: telemetry sent before it still carries the old mode.
        long commandedAt;

        HostRecord(HostKey key, int historySeconds) {
            this.key = key;
            this.history = new RateHistory(historySeconds);
        }

        HostSnapshot snapshot() {
            Severity worst = null;
            for (Ongoing o : active.values()) {
                Severity s = o.severity();
                worst = worst == null || s.compareTo(worst) > 0 ? s : worst;
            }
            Telemetry t = telemetry;
            GuardMode mode = t != null && t.ts() >= commandedAt ? t.mode() : status != null ? status.mode() : null;
            int incidents = Math.max(active.size(), t == null ? 0 : t.activeIncidents());
            return new HostSnapshot(key, broker, liveness, mode, t == null ? 0 : t.synPerSec(),
                    status == null ? 0 : status.thresholds().targetSynPerSec(), t == null ? 0 : t.pps(),
                    t == null ? 0 : t.droppedPerSec(), t == null ? 0 : t.wouldDropPerSec(), incidents, worst, lastSeen,
                    status == null ? null : status.agentVersion(), status == null ? null : status.kernel(),
                    status == null ? null : status.iface(), status == null ? null : status.attachMode(),
                    status == null ? 0 : status.startedAt(), status == null ? null : status.thresholds());
        }
    }

    private final FleetLimits limits;
    private final Map<HostKey, HostRecord> hosts = new HashMap<>();
    private final LinkedHashMap<AlertKey, AlertEntry> live = new LinkedHashMap<>();
    private final RecentAlertIds remembered;
    private final IncidentCorrelator incidents;
    private final RateHistory fleetHistory;
    // Charts on the FX thread look histories up while the fleet thread adds hosts.
    private final Map<HostKey, RateHistory> histories = new ConcurrentHashMap<>();

    private final Set<HostKey> dirtyHosts = new LinkedHashSet<>();
    private final LinkedHashMap<AlertKey, AlertEntry> dirtyAlerts = new LinkedHashMap<>();
    private final List<AlertEntry> fresh = new ArrayList<>();
    private final List<RateSample> fleetSamples = new ArrayList<>();
    private final Map<HostKey, RateSample> hostSamples = new LinkedHashMap<>();
    private long duplicates;
    private long refusedHosts;

    public FleetState(FleetLimits limits) {
        this.limits = limits;
        this.remembered = new RecentAlertIds(limits.maxRememberedIds());
        this.incidents = new IncidentCorrelator(limits.maxIncidents());
        this.fleetHistory = new RateHistory(limits.historySeconds());
    }

    public void apply(Inbound in) {
        switch (in.message()) {
            case Status s -> status(in, s);
            case Telemetry t -> telemetry(in, t);
            case Alert a -> alert(in, a);
            case CommandReply r -> commandReply(r);
            default -> {
                // Command traffic is not fleet state.
            }
        }
    }

    private HostRecord host(Inbound in, String site, String name) {
        HostKey key = new HostKey(site, name);
        HostRecord h = hosts.get(key);
        if (h == null) {
            if (hosts.size() >= limits.maxHosts()) {
                refusedHosts++;
                return null;
            }
            h = new HostRecord(key, limits.historySeconds());
            hosts.put(key, h);
            histories.put(key, h.history);
        }
        h.broker = in.broker();
        dirtyHosts.add(key);
        return h;
    }

    private void status(Inbound in, Status s) {
        if (s.state() != HostState.ONLINE) {
            // An agent that is gone sends no END: what it had going on is over as far as anyone can tell.
            incidents.expireHost(new HostKey(s.site(), s.host()), "host offline");
        }
        HostRecord h = host(in, s.site(), s.host());
        if (h == null) {
            return;
        }
        // No ordering by s.ts(): a last will is composed when the agent connects, so it is older than the
        // ONLINE status it overrides. The broker keeps one publisher's messages in order; that is what counts.
        h.status = s;
        h.liveness = s.state() == HostState.ONLINE ? Liveness.ONLINE : Liveness.OFFLINE;
        // A retained status may be hours old: its own time is the best "last seen" we have.
        long seen = in.retained() ? Math.min(s.ts(), in.receivedAt()) : in.receivedAt();
        h.lastSeen = Math.max(h.lastSeen, seen);
        h.lastHeard = in.receivedAt();
        if (h.liveness == Liveness.OFFLINE) {
            h.telemetry = null;
            h.active.clear();
        }
    }

    /**
     * A successful command's reply carries the agent's status after the command: its mode and thresholds are
     * shown at once, not when the agent's retained status comes round. Only for a known host and only if no newer
     * status arrived meanwhile. Liveness is left to status and telemetry: a reply may cross the agent's last will.
     */
    private void commandReply(CommandReply r) {
        Status s = r.status();
        if (!r.ok() || s == null || !s.site().equals(r.site()) || !s.host().equals(r.host())) {
            return;
        }
        HostRecord h = hosts.get(new HostKey(s.site(), s.host()));
        if (h == null || h.status != null && h.status.ts() > s.ts()) {
            return;
        }
        h.status = s;
        h.commandedAt = s.ts();
        dirtyHosts.add(h.key);
    }

    private void telemetry(Inbound in, Telemetry t) {
        HostRecord h = host(in, t.site(), t.host());
        if (h == null) {
            return;
        }
        h.telemetry = t;
        h.liveness = Liveness.ONLINE;
        h.lastSeen = in.receivedAt();
        h.lastHeard = in.receivedAt();
        RateSample sample = new RateSample(t.ts(), t.pps(), t.synPerSec(), t.droppedPerSec(), t.wouldDropPerSec());
        h.history.add(sample);
        hostSamples.put(h.key, sample);
    }

    private void alert(Inbound in, Alert a) {
        if (!remembered.add(a.site(), a.host(), a.id())) {
            duplicates++;
            return;
        }
        AlertEntry entry = new AlertEntry(a, in.broker(), in.receivedAt(), null);
        addLive(entry);
        fresh.add(entry);
        HostRecord h = host(in, a.site(), a.host());
        if (h != null) {
            h.lastSeen = Math.max(h.lastSeen, in.receivedAt());
            if (a.state() == AlertState.END) {
                h.active.remove(a.incident());
            } else if (h.active.containsKey(a.incident()) || h.active.size() < MAX_ACTIVE_PER_HOST) {
                h.active.put(a.incident(), new Ongoing(a.severity(), in.receivedAt()));
            }
        }
        incidents.add(a, in.receivedAt());
    }

    private void addLive(AlertEntry entry) {
        live.put(entry.key(), entry);
        dirtyAlerts.put(entry.key(), entry);
        if (live.size() > limits.maxLiveAlerts()) {
            live.pollFirstEntry();
        }
    }

    /**
     * Alerts loaded from history at start (oldest first): shown and remembered (so a replay stays hidden), not
     * stored again. The history opens in the background, so live alerts may have come first: the stored ones
     * are older and go before them in the window (its bound drops the oldest), they do not override the state
     * of an incident that live alerts updated since, and a live replay of a stored alert takes the analyst's
     * acknowledgement from the history.
     */
    public void restore(List<AlertEntry> fromHistory) {
        LinkedHashMap<AlertKey, AlertEntry> window = new LinkedHashMap<>();
        for (AlertEntry e : fromHistory) {
            AlertEntry shown = live.get(e.key());
            if (shown != null) {
                if (e.acknowledged() && !shown.acknowledged()) {
                    AlertEntry acked = shown.acknowledge(e.acknowledgedAt());
                    live.put(acked.key(), acked);
                    dirtyAlerts.put(acked.key(), acked);
                }
            } else if (remembered.add(e.alert().site(), e.alert().host(), e.alert().id())) {
                window.put(e.key(), e);
                incidents.add(e.alert(), e.receivedAt(), true);
            }
        }
        window.putAll(live);
        live.clear();
        live.putAll(window);
        while (live.size() > limits.maxLiveAlerts()) {
            live.pollFirstEntry();
        }
        for (AlertEntry e : fromHistory) {
            if (live.get(e.key()) == e) {
                dirtyAlerts.put(e.key(), e);
            }
        }
    }

    /** @return the entries that changed, for the history to record */
    public List<AlertEntry> acknowledge(Collection<AlertKey> keys, long at) {
        List<AlertEntry> changed = new ArrayList<>();
        for (AlertKey k : keys) {
            AlertEntry e = live.get(k);
            if (e != null && !e.acknowledged()) {
                AlertEntry acked = e.acknowledge(at);
                live.put(k, acked);
                dirtyAlerts.put(k, acked);
                changed.add(acked);
            }
        }
        return changed;
    }

    /**
     * Once a second: finds agents whose telemetry stopped, expires incidents that went without an alert for
     * longer than {@link FleetLimits#incidentExpiryMs()} (their END was lost), and adds a fleet-wide chart sample.
     */
    public void tick(long now) {
        long pps = 0;
        long syn = 0;
        long dropped = 0;
        long wouldDrop = 0;
        long expiredBefore = now - limits.incidentExpiryMs();
        for (HostRecord h : hosts.values()) {
            if (h.liveness == Liveness.ONLINE && now - h.lastHeard > limits.silentAfterMs()) {
                h.liveness = Liveness.SILENT;
                dirtyHosts.add(h.key);
            }
            if (!h.active.isEmpty() && h.active.values().removeIf(o -> o.lastAlertAt() < expiredBefore)) {
                dirtyHosts.add(h.key);
            }
            Telemetry t = h.telemetry;
            if (t != null && h.liveness == Liveness.ONLINE && now - h.lastHeard <= FLEET_SAMPLE_FRESH_MS) {
                pps += t.pps();
                syn += t.synPerSec();
                dropped += t.droppedPerSec();
                wouldDrop += t.wouldDropPerSec();
            }
        }
        incidents.expireSilentSince(expiredBefore, "no alert for " + duration(limits.incidentExpiryMs()));
        RateSample sample = new RateSample(now, pps, syn, dropped, wouldDrop);
        fleetHistory.add(sample);
        fleetSamples.add(sample);
    }

    private static String duration(long ms) {
        return ms % 1_000 == 0 ? ms / 1_000 + " s" : ms + " ms";
    }

    /** Alerts seen for the first time since the last call (for the history). */
    public List<AlertEntry> takeFresh() {
        List<AlertEntry> out = List.copyOf(fresh);
        fresh.clear();
        return out;
    }

    /** Hands the alerts seen for the first time since the last call to {@code journal}; how many there were. */
    public int journalFresh(AlertJournal journal) {
        if (fresh.isEmpty()) {
            return 0;
        }
        List<AlertEntry> out = takeFresh();
        journal.recorded(out);
        return out.size();
    }

    public FrameDelta seal() {
        return seal(true);
    }

    /**
     * Everything changed since the last seal. Incident groups only when {@code withIncidents}: summarising a
     * group walks all its members, and under a burst the same few groups change with nearly every alert, so
     * the caller asks for them a few times a second, not with every batch (they stay pending meanwhile).
     */
    public FrameDelta seal(boolean withIncidents) {
        List<HostSnapshot> changedHosts = new ArrayList<>(dirtyHosts.size());
        for (HostKey k : dirtyHosts) {
            changedHosts.add(hosts.get(k).snapshot());
        }
        dirtyHosts.clear();
        List<String> removed = withIncidents ? incidents.takeRemoved() : List.of();
        List<IncidentGroup> changedIncidents = withIncidents ? incidents.takeChanged() : List.of();
        FrameDelta d = new FrameDelta(changedHosts, List.copyOf(dirtyAlerts.values()), changedIncidents,
                removed, List.copyOf(fleetSamples), Map.copyOf(hostSamples));
        dirtyAlerts.clear();
        fleetSamples.clear();
        hostSamples.clear();
        return d;
    }

    /** Incident changes not yet handed out by {@link #seal(boolean)}. */
    public boolean incidentsPending() {
        return incidents.hasChanges();
    }

    public RateHistory history(HostKey key) {
        return histories.get(key);
    }

    public RateHistory fleetHistory() {
        return fleetHistory;
    }

    public long duplicates() {
        return duplicates;
    }

    public long refusedHosts() {
        return refusedHosts;
    }

    public int hostCount() {
        return hosts.size();
    }

    public int liveAlertCount() {
        return live.size();
    }
}
