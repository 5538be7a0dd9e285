package io.xdpguard.protocol;

import java.util.Optional;

/** One agent's topic: {@code xdpguard/v1/{site}/{host}/{kind}}. */
public record Topic(String site, String host, MessageKind kind) {
    public static final String ROOT = "xdpguard/v1";

    public Topic {
        Names.require("site", site);
        Names.require("host", host);
        if (kind == null) {
            throw new IllegalArgumentException("topic kind is required");
        }
    }

    public static Topic of(String site, String host, MessageKind kind) {
        return new Topic(site, host, kind);
    }

    public String path() {
        return ROOT + "/" + site + "/" + host + "/" + kind.level();
    }

    /** Subscription filter for one kind across all hosts of a site, or all sites when site is null. */
    public static String filter(String site, MessageKind kind) {
        return ROOT + "/" + (site == null ? "+" : Names.require("site", site)) + "/+/" + kind.level();
    }

    /** Parses a concrete topic; empty when it is not ours or a level is not a valid name. */
    public static Optional<Topic> parse(String path) {
        if (path == null) {
            return Optional.empty();
        }
        String[] levels = path.split("/", -1);
        if (levels.length != 5 || !(levels[0] + "/" + levels[1]).equals(ROOT)
                || !Names.isValid(levels[2]) || !Names.isValid(levels[3])) {
            return Optional.empty();
        }
        return MessageKind.ofLevel(levels[4]).map(k -> new Topic(levels[2], levels[3], k));
    }

    @Override
    public String toString() {
        return path();
    }

    public static String clientId(String site, String host) {
        return "xdpguard-" + Names.require("site", site) + "-" + Names.require("host", host);
    }
}
