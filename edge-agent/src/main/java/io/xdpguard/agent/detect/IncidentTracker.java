package io.xdpguard.agent.detect;

import io.xdpguard.agent.guard.GuardEvent;
import io.xdpguard.protocol.Action;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertKind;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Endpoint;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Message;
import io.xdpguard.protocol.Severity;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns the kernel's threshold-crossing events into incidents with a start, updates and an end.
 * A target incident is keyed by target address and port; a source over its own threshold folds into
 * the incident of the target it hits, or opens a source incident when that target is not flooded.
 * An incident ends after a quiet period without events: the kernel repeats an event at most once per
 * event interval while a key stays over threshold, so silence longer than that means it is over.
 * Confined to one thread (the detect loop).
 */
public final class IncidentTracker {
    private static final int TOP_SOURCES = 5;
    /** Bounds memory if an attacker makes every source cross its threshold. */
    private static final int MAX_ACTIVE = 4096;
    private static final long UPDATE_INTERVAL_NS = 1_000_000_000L;

    private final String site;
    private final String host;
    private final Duration quiet;
    private final SeverityModel severityModel = new SeverityModel();
    private final LongSupplier wallClockMs;
    private final LongSupplier monotonicNs;
    private final LongSupplier seq;
    private final Consumer<Alert> sink;
    private final Map<String, Incident> active = new LinkedHashMap<>();
    private long incidentCounter;
    private GuardMode lastMode = GuardMode.MONITOR;

    /**
     * @param seq   the next sequence number for an alert of this agent (kept by the outbox across restarts)
     * @param sink  receives every incident change, in order
     */
    public IncidentTracker(String site, String host, Duration quiet, LongSupplier wallClockMs,
                           LongSupplier monotonicNs, LongSupplier seq, Consumer<Alert> sink) {
        this.site = site;
        this.host = host;
        this.quiet = quiet;
        this.wallClockMs = wallClockMs;
        this.monotonicNs = monotonicNs;
        this.seq = seq;
        this.sink = sink;
    }

    public int activeCount() {
        return active.size();
    }

    public void onEvent(GuardEvent event) {
        long windowMs = Math.max(1, event.windowMs());
        long targetRate = event.targetSynCount() * 1000 / windowMs;
        long sourceRate = event.sourceSynCount() * 1000 / windowMs;
        Endpoint target = new Endpoint(text(event.target()), event.targetPort());
        String source = event.source() == null ? null : text(event.source());
        Incident incident;
        boolean fresh = false;
        if (event.kind() == GuardEvent.Kind.TARGET_SYN) {
            String key = "t|" + target;
            incident = active.get(key);
            if (incident == null) {
                incident = open(key, AlertKind.SYN_FLOOD, target, null, event);
                fresh = true;
            }
            if (incident == null) {
                return;
            }
            incident.synPerSec = targetRate;
            incident.completionsPerSec = event.targetAckCount() * 1000 / windowMs;
            incident.completionRatio = event.targetSynCount() == 0 ? 0
                    : Math.min(1.0, (double) event.targetAckCount() / event.targetSynCount());
        } else {
            // A source keeps its own incident while it stays over its threshold; a source that only feeds a
            // flooded target is one of that target's top sources.
            Incident flooded = active.get("t|" + target);
            incident = active.get("s|" + source);
            if (incident == null && flooded == null) {
                incident = open("s|" + source, AlertKind.SYN_SOURCE, target,
                        source == null ? null : new Endpoint(source, null), event);
                fresh = true;
            }
            if (flooded != null && flooded != incident) {
                flooded.noteSource(source, sourceRate);
                flooded.action = strongest(flooded.action, action(event.action()));
                flooded.lastEventNanos = monotonicNs.getAsLong();
            }
            if (incident == null) {
                if (flooded != null) {
                    maybePublish(flooded, mode(event.mode()));
                }
                return;
            }
            incident.synPerSec = sourceRate;
        }
        boolean ownKind = (incident.kind == AlertKind.SYN_FLOOD) == (event.kind() == GuardEvent.Kind.TARGET_SYN);
        if (ownKind) {
            incident.thresholdPerSec = event.threshold();
        }
        incident.peakSynPerSec = Math.max(incident.peakSynPerSec, incident.synPerSec);
        incident.noteSource(source, event.kind() == GuardEvent.Kind.SOURCE_SYN ? sourceRate
                : Math.max(sourceRate, 1));
        incident.action = strongest(incident.action, action(event.action()));
        incident.lastEventNanos = monotonicNs.getAsLong();
        double over = incident.thresholdPerSec == 0 ? 1 : (double) incident.synPerSec / incident.thresholdPerSec;
        Severity severity = severityModel.rate(incident.kind, over, incident.completionRatio);
        incident.severity = incident.severity == null || severity.compareTo(incident.severity) > 0 ? severity
                : incident.severity;
        if (fresh) {
            publish(incident, AlertState.START, mode(event.mode()), null);
        } else {
            maybePublish(incident, mode(event.mode()));
        }
    }

    /**
     * Publishes an update when something an analyst acts on changed (severity, action, the top source) or
     * at most once per {@link #UPDATE_INTERVAL_NS}, so a flood raising target and source events twice a
     * second becomes one line a second, not four.
     */
    private void maybePublish(Incident incident, GuardMode mode) {
        var top = incident.topSources(1);
        String topSource = top.isEmpty() ? null : top.getFirst().address();
        boolean changed = incident.severity != incident.publishedSeverity || incident.action != incident.publishedAction
                || !java.util.Objects.equals(topSource, incident.publishedTopSource);
        if (changed || monotonicNs.getAsLong() - incident.publishedAtNanos >= UPDATE_INTERVAL_NS) {
            publish(incident, AlertState.UPDATE, mode, null);
        }
    }

    /** Ends incidents that have been quiet for the quiet period. */
    public void tick() {
        long now = monotonicNs.getAsLong();
        for (Iterator<Incident> it = active.values().iterator(); it.hasNext(); ) {
            Incident incident = it.next();
            if (now - incident.lastEventNanos >= quiet.toNanos()) {
                it.remove();
                incident.synPerSec = 0;
                publish(incident, AlertState.END, lastMode, wallClockMs.getAsLong());
            }
        }
    }

    private Incident open(String key, AlertKind kind, Endpoint target, Endpoint source, GuardEvent event) {
        if (active.size() >= MAX_ACTIVE) {
            return null;
        }
        long now = wallClockMs.getAsLong();
        String id = host + "-" + Long.toString(now, 36) + "-" + Long.toString(++incidentCounter, 36);
        // The kernel saw the crossing at event.timeMs(); the incident began one window before that at most.
        Incident incident = new Incident(id, kind, target, source, Math.min(now, event.timeMs() - event.windowMs()),
                event.timeMs());
        active.put(key, incident);
        return incident;
    }

    private void publish(Incident incident, AlertState state, GuardMode mode, Long endedAt) {
        lastMode = mode;
        incident.publishedAtNanos = monotonicNs.getAsLong();
        incident.publishedSeverity = incident.severity;
        incident.publishedAction = incident.action;
        var top = incident.topSources(1);
        incident.publishedTopSource = top.isEmpty() ? null : top.getFirst().address();
        long now = wallClockMs.getAsLong();
        incident.changes++;
        sink.accept(new Alert(Message.SCHEMA, site, host, incident.id + "." + incident.changes, incident.id,
                seq.getAsLong(), incident.kind, state, incident.severity, incident.target, incident.source,
                incident.synPerSec, incident.peakSynPerSec, incident.thresholdPerSec, incident.completionsPerSec,
                incident.completionRatio, incident.topSources(TOP_SOURCES), mode, incident.action,
                Math.max(0, incident.startedAt), incident.detectedAt, now, endedAt, now));
    }

    private static String text(InetAddress address) {
        return address == null ? "0.0.0.0" : address.getHostAddress();
    }

    private static Action action(GuardEvent.Action action) {
        return switch (action) {
            case OBSERVED -> Action.OBSERVED;
            case WOULD_DROP -> Action.WOULD_DROP;
            case DROPPED -> Action.DROPPED;
        };
    }

    private static Action strongest(Action a, Action b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    private static GuardMode mode(io.xdpguard.agent.guard.GuardMode mode) {
        return switch (mode) {
            case MONITOR -> GuardMode.MONITOR;
            case SHADOW -> GuardMode.SHADOW;
            case ENFORCE -> GuardMode.ENFORCE;
        };
    }
}
