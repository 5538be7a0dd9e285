package io.xdpguard.agent.lab;

import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertKind;
import io.xdpguard.protocol.AlertState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Detection latency, first flood packet to alert at a subscriber, over many floods: XDP Guard on a veth,
 * hping3 at about 10,000 SYN/s against a 5,000 SYN/s threshold, a real Mosquitto and a subscriber.
 * The first packet's time is its capture timestamp (tcpdump on the guarded interface, taken microseconds
 * after XDP passed it); the alert's time is when the subscriber's client thread received it.
 * Run: {@code scripts/bench.sh latency [floods]} as root.
 */
public final class DetectionLatencyBench {
    private DetectionLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int floods = args.length > 0 ? Integer.parseInt(args[0]) : 25;
        Path dir = Files.createTempDirectory("xg-latency");
        Files.writeString(dir.resolve("agent.yaml"), """
                site: bench
                host: lat
                guard:
                  mode: monitor
                  windowMs: 50
                  targetSynPerSec: 5000
                  sourceSynPerSec: 100000000
                  eventIntervalMs: 200
                incidents:
                  quietMs: 600
                """);
        try (Lab lab = new Lab("xgb", 43).up();
             Mosquitto broker = new Mosquitto(Files.createDirectories(dir.resolve("broker"))).start();
             Subscriber subscriber = new Subscriber(broker.url(), "latency-bench").connect();
             AgentProcess agent = AgentProcess.start(dir.resolve("agent.log"), "--config",
                     dir.resolve("agent.yaml").toString(), "-i", lab.hostIface, "--broker", broker.url(),
                     "--outbox", dir.resolve("outbox").toString())) {
            waitUntil(() -> !subscriber.statuses.isEmpty(), 20_000, "agent status\n" + agent.log());
            System.out.printf("floods=%d rate=10000 SYN/s (hping3 -i u100) threshold=5000 SYN/s window=50 ms%n", floods);
            List<Double> total = new ArrayList<>();
            List<Double> pipeline = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 1; i <= floods; i++) {
                Process capture = firstSynCapture(lab);
                Process flood = lab.synFlood(80, 2500, 100, dir.resolve("hping3.log"));
                Alert start = awaitStart(subscriber, seen);
                double firstPacketMs = readCaptureTime(capture);
                var received = subscriber.alerts.stream().filter(r -> r.message() == start).findFirst().orElseThrow();
                double latency = received.receivedAtMs() - firstPacketMs;
                total.add(latency);
                pipeline.add((double) (received.receivedAtMs() - start.detectedAt()));
                System.out.printf("flood %2d: first packet -> alert %.1f ms (kernel detection -> subscriber %d ms)%n",
                        i, latency, received.receivedAtMs() - start.detectedAt());
                flood.waitFor();
                waitUntil(() -> subscriber.alertMessages().stream().anyMatch(a -> a.incident().equals(start.incident())
                        && a.state() == AlertState.END), 10_000, "end of flood " + i);
            }
            System.out.println(summary("first packet -> alert at subscriber", total));
            System.out.println(summary("kernel detection -> alert at subscriber", pipeline));
        }
    }

    private static Process firstSynCapture(Lab lab) throws Exception {
        Process p = new ProcessBuilder("tcpdump", "-i", lab.hostIface, "-n", "-tt", "-l", "-c", "1",
                "tcp[tcpflags] & tcp-syn != 0 and dst port 80").start();
        var err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null && !line.contains("listening on")) {
            // tcpdump says "listening on" once the capture is armed
        }
        return p;
    }

    private static double readCaptureTime(Process capture) throws Exception {
        var out = new BufferedReader(new InputStreamReader(capture.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        capture.waitFor(5, TimeUnit.SECONDS);
        if (line == null) {
            throw new IllegalStateException("tcpdump captured no SYN");
        }
        return Double.parseDouble(line.substring(0, line.indexOf(' '))) * 1000.0;
    }

    private static Alert awaitStart(Subscriber subscriber, Set<String> seen) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (Alert a : subscriber.alertMessages()) {
                if (a.kind() == AlertKind.SYN_FLOOD && a.state() == AlertState.START && seen.add(a.incident())) {
                    return a;
                }
            }
            LockSupport.parkNanos(100_000);
        }
        throw new IllegalStateException("no start alert within 10 s");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, long timeoutMs, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    static String summary(String label, List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return String.format("%s: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", label, sorted.size(),
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.getLast());
    }

    static double percentile(List<Double> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
