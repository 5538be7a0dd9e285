package io.xdpguard.demo.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts one real edge agent per monitored host, each a process of its own, as on a real fleet. */
public final class Agents {
    public static final String SITE = "demo";

    private Agents() {
    }

    /** Thresholds low enough for a laptop-sized flood, with events twice a second so the console stays lively. */
    static String config(LabNetwork.Host host) {
        return String.join("\n",
                "site: " + SITE,
                "host: " + host.name(),
                "iface: " + host.iface(),
                "guard:",
                "  mode: monitor",
                "  windowMs: 50",
                "  targetSynPerSec: 1000",
                "  sourceSynPerSec: 500",
                "  blockMs: 5000",
                "  eventIntervalMs: 500",
                "incidents:",
                "  quietMs: 2000",
                "");
    }

    public static List<Process> start(Processes processes, List<LabNetwork.Host> hosts, String brokerUrl, Path work)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> started = new ArrayList<>();
        for (LabNetwork.Host h : hosts) {
            Path dir = Files.createDirectories(work.resolve(h.name()));
            Files.writeString(dir.resolve("agent.yaml"), config(h));
            started.add(processes.start(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx96m",
                    "-cp", System.getProperty("java.class.path"), "io.xdpguard.agent.Main",
                    "--config", dir.resolve("agent.yaml").toString(), "--broker", brokerUrl,
                    "--outbox", dir.resolve("outbox").toString()), dir.resolve("agent.log")));
        }
        return started;
    }
}
