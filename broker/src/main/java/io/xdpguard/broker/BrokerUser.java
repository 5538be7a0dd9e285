package io.xdpguard.broker;

import io.xdpguard.protocol.Names;

/**
 * Someone allowed to connect when the broker listens beyond loopback: an agent, limited to its own
 * {@code site/host} topics, or a console, which reads every agent and sends commands.
 */
public record BrokerUser(String username, String password, Role role, String site, String host) {
    public enum Role { AGENT, CONSOLE }

    public BrokerUser {
        if (username == null || username.isBlank() || password == null || password.length() < 8) {
            throw new IllegalArgumentException("broker user '" + username + "' needs a name and a password of 8 or more characters");
        }
        if (role == Role.AGENT) {
            Names.require("site", site);
            Names.require("host", host);
        }
    }

    public static BrokerUser agent(String username, String password, String site, String host) {
        return new BrokerUser(username, password, Role.AGENT, site, host);
    }

    public static BrokerUser console(String username, String password) {
        return new BrokerUser(username, password, Role.CONSOLE, null, null);
    }

    @Override
    public String toString() {
        return "BrokerUser[" + username + ", " + role + (role == Role.AGENT ? " " + site + "/" + host : "") + "]";
    }
}
