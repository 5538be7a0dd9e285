package io.xdpguard.agent.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A monitored host and an attacker on one machine: a veth pair whose host end stays in the root namespace
 * (the agent guards it) and whose other end lives in a namespace of its own. Addresses come from
 * 198.18.0.0/15, the benchmarking range; nothing leaves the machine.
 */
public final class Lab implements AutoCloseable {
    public final String hostIface;
    public final String namespace;
    public final String hostAddress;
    public final String attackerAddress;
    private final String peerIface;

    /** @param index 1..250, keeps concurrent labs apart */
    public Lab(String prefix, int index) {
        this.hostIface = prefix + index + "h";
        this.peerIface = prefix + index + "a";
        this.namespace = prefix + "-ns" + index;
        this.hostAddress = "198.18." + index + ".1";
        this.attackerAddress = "198.18." + index + ".2";
    }

    public Lab up() {
        close(); // leftovers of a crashed run
        Shell.check("ip", "netns", "add", namespace);
        Shell.check("ip", "link", "add", hostIface, "type", "veth", "peer", "name", peerIface);
        Shell.check("ip", "link", "set", peerIface, "netns", namespace);
        Shell.check("ip", "addr", "add", hostAddress + "/24", "dev", hostIface);
        Shell.check("ip", "link", "set", hostIface, "up");
        Shell.check("ip", "netns", "exec", namespace, "ip", "addr", "add", attackerAddress + "/24", "dev", peerIface);
        Shell.check("ip", "netns", "exec", namespace, "ip", "link", "set", peerIface, "up");
        Shell.check("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
        return this;
    }

    /** Starts hping3 in the attacker namespace: {@code count} SYNs to the host at {@code intervalMicros}. */
    public Process synFlood(int port, int count, int intervalMicros, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "hping3", "-q", "-S",
                "-p", String.valueOf(port), "-c", String.valueOf(count), "-i", "u" + intervalMicros, hostAddress));
        return Shell.start(cmd, log);
    }

    /** Runs a command in the attacker namespace and waits for it. */
    public Shell.Result inNamespace(String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        cmd.addAll(List.of(command));
        return Shell.run(cmd.toArray(String[]::new));
    }

    /** The XDP program attached to the host interface, or empty. */
    public String xdpOnHost() {
        Shell.Result r = Shell.run("ip", "-d", "link", "show", "dev", hostIface);
        if (r.exit() != 0) {
            return "";
        }
        int at = r.output().indexOf("prog/xdp");
        return at < 0 ? "" : r.output().substring(at, Math.min(r.output().length(), at + 40)).trim();
    }

    @Override
    public void close() {
        Shell.run("ip", "link", "del", hostIface);
        Shell.run("ip", "netns", "del", namespace);
    }
}
