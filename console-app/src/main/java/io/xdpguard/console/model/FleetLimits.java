package io.xdpguard.console.model;

/**
 * The bounds that keep memory flat whatever the fleet sends. {@code silentAfterMs}: an online agent whose
 * telemetry (1 Hz) stops for this long is shown as silent. {@code historySeconds}: chart depth.
 */
public record FleetLimits(int maxHosts, int maxLiveAlerts, int maxRememberedIds, int maxIncidents,
                          long silentAfterMs, int historySeconds) {
    public static FleetLimits defaults() {
        return new FleetLimits(5_000, 1_000, 200_000, 5_000, 5_000, 600);
    }

    public FleetLimits withSilentAfter(long ms) {
        return new FleetLimits(maxHosts, maxLiveAlerts, maxRememberedIds, maxIncidents, ms, historySeconds);
    }
}
