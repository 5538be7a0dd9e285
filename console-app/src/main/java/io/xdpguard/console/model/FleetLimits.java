package io.xdpguard.console.model;

/**
 * The bounds that keep memory flat whatever the fleet sends. {@code silentAfterMs}: an online agent whose
 * telemetry (1 Hz) stops for this long is shown as silent. {@code historySeconds}: chart depth.
 * {@code incidentExpiryMs}: an active incident with no alert for this long is shown as expired (ended without
 * its END), as is every active incident of a host that goes offline; see {@link #DEFAULT_INCIDENT_EXPIRY_MS}.
 */
public record FleetLimits(int maxHosts, int maxLiveAlerts, int maxRememberedIds, int maxIncidents,
                          long silentAfterMs, int historySeconds, long incidentExpiryMs) {
    /**
     * Longer than the longest silence of a live incident. The agent (edge-agent detect/IncidentTracker)
     * publishes an update at most once a second while the kernel keeps reporting the flood (one event per
     * eventIntervalMs, 1 s by default), and the END once no event came for quietMs (3 s by default, checked
     * every 100 ms). So with defaults an incident is never silent for more than about 1 + 3 + 0.1 s. 30 s leaves
     * room for agents configured with a longer quietMs (up to ~25 s) and for broker delays; an incident expired
     * too early becomes active again with its next update.
     */
    public static final long DEFAULT_INCIDENT_EXPIRY_MS = 30_000;

    public FleetLimits {
        if (incidentExpiryMs <= 0) {
            throw new IllegalArgumentException("incidentExpiryMs must be positive: " + incidentExpiryMs);
        }
    }

    /** With the default incident expiry. */
    public FleetLimits(int maxHosts, int maxLiveAlerts, int maxRememberedIds, int maxIncidents, long silentAfterMs,
                       int historySeconds) {
        this(maxHosts, maxLiveAlerts, maxRememberedIds, maxIncidents, silentAfterMs, historySeconds,
                DEFAULT_INCIDENT_EXPIRY_MS);
    }

    public static FleetLimits defaults() {
        return new FleetLimits(5_000, 1_000, 200_000, 5_000, 5_000, 600, DEFAULT_INCIDENT_EXPIRY_MS);
    }

    public FleetLimits withSilentAfter(long ms) {
        return new FleetLimits(maxHosts, maxLiveAlerts, maxRememberedIds, maxIncidents, ms, historySeconds,
                incidentExpiryMs);
    }

    public FleetLimits withIncidentExpiry(long ms) {
        return new FleetLimits(maxHosts, maxLiveAlerts, maxRememberedIds, maxIncidents, silentAfterMs, historySeconds,
                ms);
    }
}
