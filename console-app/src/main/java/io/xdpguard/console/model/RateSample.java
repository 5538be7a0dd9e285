package io.xdpguard.console.model;

/** One second of traffic: for a host (from its telemetry) or the fleet (summed over hosts). */
public record RateSample(long at, long pps, long synPerSec, long droppedPerSec, long wouldDropPerSec) {
}
