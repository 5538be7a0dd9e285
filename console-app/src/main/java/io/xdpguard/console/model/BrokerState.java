package io.xdpguard.console.model;

/** The connection to one broker profile, as shown per broker; {@code detail} says why when not connected. */
public record BrokerState(String profile, String url, Phase phase, String detail, int attempt, long since) {
    public enum Phase {
        CONNECTING, CONNECTED, RETRYING, STOPPED
    }
}
