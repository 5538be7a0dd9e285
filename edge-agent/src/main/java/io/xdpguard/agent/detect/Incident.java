package io.xdpguard.agent.detect;

import io.xdpguard.protocol.AlertKind;
import io.xdpguard.protocol.Action;
import io.xdpguard.protocol.Endpoint;
import io.xdpguard.protocol.Severity;
import io.xdpguard.protocol.SourceRate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One ongoing incident; owned by the detect thread, so not thread-safe. */
final class Incident {
    private static final int SOURCES_KEPT = 256;

    final String id;
    final AlertKind kind;
    final Endpoint target;
    final Endpoint source;
    final long startedAt;
    final long detectedAt;
    long thresholdPerSec;
    long synPerSec;
    long peakSynPerSec;
    long completionsPerSec;
    double completionRatio;
    Action action = Action.OBSERVED;
    Severity severity;
    long lastEventNanos;
    int changes;
    long publishedAtNanos;
    Severity publishedSeverity;
    Action publishedAction;
    String publishedTopSource;
    private final Map<String, Long> sourceRates = new HashMap<>();

    Incident(String id, AlertKind kind, Endpoint target, Endpoint source, long startedAt, long detectedAt) {
        this.id = id;
        this.kind = kind;
        this.target = target;
        this.source = source;
        this.startedAt = startedAt;
        this.detectedAt = detectedAt;
    }

    void noteSource(String address, long synPerSec) {
        if (address == null) {
            return;
        }
        if (sourceRates.size() >= SOURCES_KEPT && !sourceRates.containsKey(address)) {
            // Spoofed floods bring endless sources; keep the heaviest ones only.
            String lightest = sourceRates.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
            if (sourceRates.get(lightest) >= synPerSec) {
                return;
            }
            sourceRates.remove(lightest);
        }
        sourceRates.merge(address, synPerSec, Math::max);
    }

    List<SourceRate> topSources(int limit) {
        List<SourceRate> top = new ArrayList<>();
        sourceRates.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> top.add(new SourceRate(e.getKey(), e.getValue())));
        return top;
    }
}
