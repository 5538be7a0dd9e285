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
    /** hping3 sleeps between packets; 50 us gives about 10,000 SYN/s on the 2-core VM (100 us gives 6,400). */
    private static final int INTERVAL_MICROS = 50;
    private static final int FLOOD_PACKETS = 10_000;

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
            System.out.printf("floods=%d (+1 warm-up) of 10000 SYNs, hping3 -i u%d, threshold=5000 SYN/s window=50 ms%n",
                    floods, INTERVAL_MICROS);
            List<Double> total = new ArrayList<>();
            List<Double> pipeline = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<Double> rates = new ArrayList<>();
            for (int i = 0; i <= floods; i++) {
                Process capture = firstSynCapture(lab);
                long launched = System.nanoTime();
                Process flood = lab.synFlood(80, FLOOD_PACKETS, INTERVAL_MICROS, dir.resolve("hping3.log"));
                Alert start = awaitStart(subscriber, seen);
                double firstPacketMs = readCaptureTime(capture);
                var received = subscriber.alerts.stream().filter(r -> r.message() == start).findFirst().orElseThrow();
                double latency = received.receivedAtMs() - firstPacketMs;
                flood.waitFor();
                // hping3's start-up is inside this span, so the real rate is a little higher.
                double rate = FLOOD_PACKETS / ((System.nanoTime() - launched) / 1e9);
                if (i > 0) {
                    total.add(latency);
                    pipeline.add((double) (received.receivedAtMs() - start.detectedAt()));
                    rates.add(rate);
                }
                System.out.printf("flood %2d%s: %.0f SYN/s, first packet -> alert %.1f ms (kernel detection -> subscriber %d ms)%n",
                        i, i == 0 ? " (warm-up, not counted)" : "", rate, latency,
                        received.receivedAtMs() - start.detectedAt());
                waitUntil(() -> subscriber.alertMessages().stream().anyMatch(a -> a.incident().equals(start.incident())
                        && a.state() == AlertState.END), 10_000, "end of flood " + i);
            }
            System.out.printf("flood rate: mean %.0f SYN/s, min %.0f SYN/s%n",
                    rates.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                    rates.stream().mapToDouble(Double::doubleValue).min().orElse(0));
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
