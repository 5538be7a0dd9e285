package io.xdpguard.broker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * How the embedded broker listens. Loopback needs no credentials; any other address needs users, each
 * restricted by {@link TopicRules}, because HiveMQ's embedded default lets everyone do everything.
 */
public record BrokerOptions(String bindAddress, int port, int maxConnections, int maxPacketBytes,
                            List<BrokerUser> users) {
    public static final int DEFAULT_PORT = 1883;

    public BrokerOptions {
        users = List.copyOf(users == null ? List.of() : users);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("broker port must be 0 to 65535: " + port);
        }
        if (!loopback(bindAddress) && users.isEmpty()) {
            throw new IllegalArgumentException("the embedded broker listens on " + bindAddress
                    + ", beyond loopback: give it users (agents and consoles with passwords) or bind it to 127.0.0.1");
        }
    }

    /** Loopback on the given port, limits suited to one machine running a lab and a console. */
    public static BrokerOptions loopback(int port) {
        return new BrokerOptions("127.0.0.1", port, 1_000, 256 * 1024, List.of());
    }

    public boolean authenticated() {
        return !users.isEmpty();
    }

    private static boolean loopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("broker bind address '" + address + "' is not an address", e);
        }
    }
}
