package io.xdpguard.demo.traffic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real clients, run inside the lab's "internet" namespace: every connection is a full TCP handshake to
 * a host's service. Driven line by line on standard input, answers on standard output:
 * <ul>
 *   <li>{@code calm HOST:PORT@SOURCE,... PER_SECOND} — steady background connections, round robin
 *       over the pairs (0 stops them)</li>
 *   <li>{@code crowd HOST:PORT PER_SECOND SECONDS SOURCE,...} — a flash crowd from many sources;
 *       answers {@code crowd ok=N failed=M}</li>
 *   <li>{@code probe HOST:PORT SOURCE COUNT} — answers {@code probe ok=N failed=M}</li>
 * </ul>
 */
public final class TrafficMain {
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2,
            r -> Thread.ofPlatform().name("traffic-timer").daemon(true).unstarted(r));
    private final ExecutorService connectors = Executors.newFixedThreadPool(32,
            r -> Thread.ofPlatform().name("traffic-connect").daemon(true).unstarted(r));
    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private ScheduledFuture<?> calm;

    public static void main(String[] args) throws IOException {
        new TrafficMain().serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    private void serve(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split("\\s+");
            try {
                switch (w[0]) {
                    case "calm" -> calm(w[1].split(","), Integer.parseInt(w[2]));
                    case "crowd" -> out.println(crowd(w[1], Integer.parseInt(w[2]), Integer.parseInt(w[3]), w[4].split(",")));
                    case "probe" -> out.println(probe(w[1], w[2], Integer.parseInt(w[3])));
                    default -> out.println("error unknown command " + w[0]);
                }
            } catch (RuntimeException | InterruptedException e) {
                out.println("error " + e);
            }
        }
        timer.shutdownNow();
        connectors.shutdownNow();
    }

    private void calm(String[] pairs, int perSecond) {
        if (calm != null) {
            calm.cancel(false);
        }
        if (perSecond <= 0) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        calm = timer.scheduleAtFixedRate(() -> connectors.execute(() -> {
            String[] pair = pairs[Math.floorMod(next.getAndIncrement(), pairs.length)].split("@");
            connect(pair[0], pair[1]);
        }), 0, 1_000_000L / perSecond, TimeUnit.MICROSECONDS);
    }

    private String crowd(String target, int perSecond, int seconds, String[] sources) throws InterruptedException {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        int total = perSecond * seconds;
        AtomicInteger sent = new AtomicInteger();
        long periodNanos = 1_000_000_000L / perSecond;
        var done = new java.util.concurrent.CountDownLatch(total);
        ScheduledFuture<?> pace = timer.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n >= total) {
                return;
            }
            connectors.execute(() -> {
                (connect(target, sources[n % sources.length]) ? ok : failed).incrementAndGet();
                done.countDown();
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        done.await(seconds + 20L, TimeUnit.SECONDS);
        pace.cancel(false);
        return "crowd ok=" + ok.get() + " failed=" + failed.get();
    }

    private String probe(String target, String source, int count) {
        List<Boolean> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(connect(target, source));
        }
        long ok = results.stream().filter(b -> b).count();
        return "probe ok=" + ok + " failed=" + (count - ok);
    }

    /** One complete exchange: handshake, the service's answer, close. */
    private static boolean connect(String target, String source) {
        int colon = target.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            s.connect(new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1))),
                    2000);
            s.setSoTimeout(2000);
            return s.getInputStream().read() >= 0;
        } catch (IOException e) {
            return false;
        }
    }
}
