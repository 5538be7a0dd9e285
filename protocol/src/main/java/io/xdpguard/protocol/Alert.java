package io.xdpguard.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One incident state change. {@code id} names this change and is stable across replays, so a console
 * that receives it twice shows it once; {@code incident} groups the changes of one incident; {@code seq}
 * orders every alert of one agent. {@code detectedAt} is when the kernel saw the threshold crossed.
 */
public record Alert(int schema, String site, String host, String id, String incident, long seq, AlertKind kind,
                    AlertState state, Severity severity, Endpoint target, Endpoint source, long synPerSec,
                    long peakSynPerSec, long thresholdPerSec, long completionsPerSec, double completionRatio,
                    List<SourceRate> topSources, GuardMode mode, Action action, long startedAt, long detectedAt,
                    long updatedAt, Long endedAt, long ts)
        implements Message, HostMessage {
    public static final int MAX_TOP_SOURCES = 10;

    public Alert {
        Checks.schema(schema);
        Names.require("site", site);
        Names.require("host", host);
        Checks.text("id", id, 128);
        Checks.text("incident", incident, 128);
        Checks.nonNegative("seq", seq);
        Checks.present("kind", kind);
        Checks.present("state", state);
        Checks.present("severity", severity);
        Checks.present("target", target);
        Checks.nonNegative("synPerSec", synPerSec);
        Checks.nonNegative("peakSynPerSec", peakSynPerSec);
        Checks.nonNegative("thresholdPerSec", thresholdPerSec);
        Checks.nonNegative("completionsPerSec", completionsPerSec);
        if (!(completionRatio >= 0 && completionRatio <= 1)) {
            throw new IllegalArgumentException("completionRatio must be 0 to 1: " + completionRatio);
        }
        topSources = List.copyOf(topSources == null ? List.of() : topSources);
        if (topSources.size() > MAX_TOP_SOURCES) {
            throw new IllegalArgumentException("at most " + MAX_TOP_SOURCES + " top sources");
        }
        Checks.present("mode", mode);
        Checks.present("action", action);
        Checks.nonNegative("startedAt", startedAt);
        Checks.nonNegative("updatedAt", updatedAt);
        if (state == AlertState.END && endedAt == null) {
            throw new IllegalArgumentException("an END alert needs endedAt");
        }
    }

    @Override
    @JsonIgnore
    public MessageKind messageKind() {
        return MessageKind.ALERT;
    }
}
