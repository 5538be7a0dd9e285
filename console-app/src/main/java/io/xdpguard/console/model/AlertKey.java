package io.xdpguard.console.model;

/** Alert ids are unique per agent (DESIGN.md), so the key is site, host and id. */
public record AlertKey(String site, String host, String id) {
    @Override
    public String toString() {
        return site + "/" + host + "/" + id;
    }
}
