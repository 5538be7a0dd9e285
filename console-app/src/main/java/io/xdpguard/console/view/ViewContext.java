package io.xdpguard.console.view;

import io.xdpguard.console.export.AlertExport;
import io.xdpguard.console.ingest.FleetPipeline;
import io.xdpguard.console.model.Diagnostics;
import io.xdpguard.console.model.LatencyRecorder;
import io.xdpguard.console.model.StartupProgress;
import io.xdpguard.console.model.WarmUpFrames;
import io.xdpguard.console.mqtt.BrokerConnections;
import io.xdpguard.console.profile.ProfileStore;
import io.xdpguard.console.store.HistoryGate;
import java.nio.file.Path;
import java.time.Clock;

/**
 * What the views are given by the composition root: they read frames and states, and send the analyst's
 * actions back; they own no threads but the FX thread and the three workers MainView starts (history search,
 * export writing, profile saving). {@code pulseGaps} and {@code visibleLatency} are the figures the benchmark reads;
 * {@code history} is searched (off the FX thread) for alerts beyond the live table, once it is open;
 * {@code startup} says what start-up is still doing, and {@code retryHistory} tries a failed history again;
 * {@code exportTarget} asks where an export goes (a Save dialog; tests answer for it); {@code warmUpFrames} are
 * the start-up warm-up's scratch frames, with which the alert table is rehearsed ({@link WarmUpViews}).
 */
public record ViewContext(FleetPipeline pipeline, BrokerConnections connections, ProfileStore profiles,
                          Diagnostics diagnostics, AlertExport export, ExportTarget exportTarget, Path exportDir,
                          int maxLiveAlerts, long notifyIntervalMs, Clock clock, LatencyRecorder pulseGaps,
                          LatencyRecorder visibleLatency, HistoryGate history, StartupProgress startup,
                          Runnable retryHistory, WarmUpFrames warmUpFrames) {
}
