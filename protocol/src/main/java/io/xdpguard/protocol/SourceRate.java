package io.xdpguard.protocol;

/** One of the heaviest sources of an incident and its SYN rate. */
public record SourceRate(String address, long synPerSec) {
    public SourceRate {
        Checks.text("address", address, 45);
        Checks.nonNegative("synPerSec", synPerSec);
    }
}
