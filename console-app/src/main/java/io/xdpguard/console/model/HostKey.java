package io.xdpguard.console.model;

import java.util.Comparator;

/** One agent, fleet-wide: host names are only unique within a site. */
public record HostKey(String site, String host) implements Comparable<HostKey> {
    private static final Comparator<HostKey> ORDER = Comparator.comparing(HostKey::site).thenComparing(HostKey::host);

    @Override
    public int compareTo(HostKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return site + "/" + host;
    }
}
