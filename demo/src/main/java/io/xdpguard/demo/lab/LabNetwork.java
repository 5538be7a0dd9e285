package io.xdpguard.demo.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's network on one machine. Each monitored host is the root-namespace end of a veth pair with
 * its own address (198.18.N.1) and its own agent, so the agents reach the broker on 127.0.0.1; the
 * other ends live in one "internet" namespace, where the attacker and the real clients are. Only
 * 198.18.0.0/15 is used, and 198.19.0.0/16 (spoofed sources) is blackholed, so no reply to a spoofed
 * packet can leave the machine.
 */
public final class LabNetwork implements AutoCloseable {
    public static final String PREFIX = "xgd";
    public static final String NAMESPACE = PREFIX + "-internet";
    public static final String SPOOFED = "198.19.0.0/16";

    /** One monitored host: its agent's interface and address, and the namespace-side peer. */
    public record Host(String name, int index) {
        public String iface() {
            return PREFIX + index + "h";
        }

        public String peer() {
            return PREFIX + index + "a";
        }

        public String address() {
            return "198.18." + index + ".1";
        }

        /** The internet namespace's own address on this host's link. */
        public String clientAddress() {
            return "198.18." + index + ".2";
        }
    }

    private final List<Host> hosts;
    private final int crowdSources;

    public LabNetwork(List<String> hostNames, int crowdSources) {
        List<Host> list = new ArrayList<>();
        for (int i = 0; i < hostNames.size(); i++) {
            list.add(new Host(hostNames.get(i), i + 1));
        }
        this.hosts = List.copyOf(list);
        this.crowdSources = crowdSources;
    }

    public List<Host> hosts() {
        return hosts;
    }

    /** Extra client addresses on a host's link, so a flash crowd comes from many real sources. */
    public List<String> crowdAddresses(Host host) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < crowdSources; i++) {
            out.add("198.18." + host.index() + "." + (10 + i));
        }
        return out;
    }

    public LabNetwork up() {
        removeLeftovers();
        Command.check("ip", "netns", "add", NAMESPACE);
        Command.check("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", "lo", "up");
        for (Host h : hosts) {
            Command.check("ip", "link", "add", h.iface(), "type", "veth", "peer", "name", h.peer());
            Command.check("ip", "link", "set", h.peer(), "netns", NAMESPACE);
            Command.check("ip", "addr", "add", h.address() + "/24", "dev", h.iface());
            Command.check("ip", "link", "set", h.iface(), "up");
            Command.check("ip", "netns", "exec", NAMESPACE, "ip", "addr", "add", h.clientAddress() + "/24", "dev", h.peer());
            for (String a : crowdAddresses(h)) {
                Command.check("ip", "netns", "exec", NAMESPACE, "ip", "addr", "add", a + "/24", "dev", h.peer());
            }
            Command.check("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", h.peer(), "up");
        }
        Command.check("ip", "route", "add", "blackhole", SPOOFED);
        return this;
    }

    /** Removes what a crashed earlier run may have left: our veths, our namespace, the blackhole route. */
    public static List<String> removeLeftovers() {
        List<String> removed = new ArrayList<>();
        for (String line : Command.run("ip", "-o", "link", "show").output().lines().toList()) {
            String[] parts = line.split(":\\s+", 3);
            if (parts.length > 1) {
                String name = parts[1].split("@")[0];
                if (name.startsWith(PREFIX) && name.matches(PREFIX + "\\d+h")) {
                    Command.run("ip", "link", "del", name);
                    removed.add(name);
                }
            }
        }
        if (Command.run("ip", "netns", "list").output().lines().anyMatch(l -> l.startsWith(NAMESPACE))) {
            Command.run("ip", "netns", "del", NAMESPACE);
            removed.add(NAMESPACE);
        }
        if (Command.run("ip", "route", "show", "type", "blackhole", SPOOFED).output().contains("198.19")) {
            Command.run("ip", "route", "del", "blackhole", SPOOFED);
        }
        return removed;
    }

    /** What is left of the lab: veths and namespace. Empty after {@link #close()}. */
    public static List<String> leftovers() {
        List<String> left = new ArrayList<>();
        Command.run("ip", "-o", "link", "show").output().lines()
                .map(l -> l.split(":\\s+", 3))
                .filter(p -> p.length > 1 && p[1].startsWith(PREFIX))
                .forEach(p -> left.add(p[1].split("@")[0]));
        Command.run("ip", "netns", "list").output().lines().filter(l -> l.startsWith(PREFIX)).forEach(left::add);
        return left;
    }

    /** True when an XDP program is attached to the host's interface. */
    public static boolean xdpAttached(String iface) {
        return Command.run("ip", "-d", "link", "show", "dev", iface).output().contains("prog/xdp");
    }

    @Override
    public void close() {
        removeLeftovers();
    }
}
