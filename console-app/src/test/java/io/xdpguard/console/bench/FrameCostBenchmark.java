package io.xdpguard.console.bench;

import io.xdpguard.console.ConsoleApp;
import io.xdpguard.console.ConsoleOptions;
import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.model.Inbound;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;

/**
 * What the console itself costs per second of an alert burst, without a broker or a simulated fleet on the same
 * cores: alerts go straight into the fleet pipeline (2,000/s, as in {@link LoadBenchmark}) and the CPU time of
 * the FX thread and of the renderer is read from the JVM. Those two threads decide whether frames keep up, so
 * this is the figure to compare when changing the alert table or the stylesheet; the load benchmark then says
 * what it buys end to end. Run under xvfb-run with -Dprism.order=sw; -Dxg.bench.bursts=N rounds (the first meets a
 * cold JVM); -Dxg.bench.css=FILE adds a stylesheet after the console's own, to price a styling change.
 */
public final class FrameCostBenchmark {
    private static final int PER_SECOND = 2_000;
    private static final int SECONDS = 10;

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("xg-frames-");
        ConsoleOptions options = ConsoleOptions.defaults()
                .withDirs(tmp.resolve("config"), tmp.resolve("data"), tmp.resolve("exports"))
                .withBrokers(List.of());
        String extraCss = System.getProperty("xg.bench.css");
        ConsoleApp app = BenchWindow.open(options, scene -> {
            if (extraCss != null) {
                scene.getStylesheets().add(Path.of(extraCss).toUri().toString());
            }
        });
        var console = app.console();
        int rounds = Integer.getInteger("xg.bench.bursts", 3);
        System.out.println("XDP Guard console frame cost (no broker; alerts offered in process)");
        for (int r = 0; r < rounds; r++) {
            round(console, r * PER_SECOND * SECONDS);
        }
        BenchWindow.close(app);
        BenchDirs.remove(tmp);
        Platform.exit();
    }

    private static void round(io.xdpguard.console.Console console, int first) throws Exception {
        ThreadCpu fxThread = ThreadCpu.named("JavaFX Application Thread");
        ThreadCpu renderer = ThreadCpu.named("QuantumRenderer");
        long fx = fxThread.nanos();
        long render = renderer.nanos();
        console.pulseGaps().reset();
        console.visibleLatency().reset();
        long start = System.nanoTime();
        int sent = first;
        // 100 alerts every 50 ms, the load benchmark's pacing.
        for (int slice = 0; slice < SECONDS * 20; slice++) {
            long due = start + slice * 50_000_000L;
            while (System.nanoTime() < due) {
                Thread.sleep(1);
            }
            long now = System.currentTimeMillis();
            for (int k = 0; k < PER_SECOND / 20; k++, sent++) {
                int incident = sent / 10;
                int step = sent % 10;
                AlertState state = step == 0 ? AlertState.START : step == 9 ? AlertState.END : AlertState.UPDATE;
                console.pipeline().offer(new Inbound("bench", Messages.alert("bench", SimFleet.host(sent % 500),
                        "a-" + sent, "inc-" + incident, Severity.values()[incident % 4], state,
                        "198.18.0." + (sent % 250), "198.19." + (incident % 250) + ".1", now), false, now));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        var gaps = console.pulseGaps();
        var visible = console.visibleLatency();
        System.out.printf(Locale.ROOT, "  %s %d alerts in %.1f s: FX thread %.0f ms/s, renderer %.0f ms/s; pulses %d, gap p50 %.1f p99 %.1f worst %.1f ms; offer->row p99 %.1f ms%n",
                first == 0 ? "cold:" : "warm:", sent - first, seconds, (fxThread.nanos() - fx) / 1e6 / seconds,
                (renderer.nanos() - render) / 1e6 / seconds, gaps.count(),
                gaps.percentileMicros(0.5) / 1e3, gaps.percentileMicros(0.99) / 1e3, gaps.maxMicros() / 1e3,
                visible.percentileMicros(0.99) / 1e3);
        Thread.sleep(2_000);
    }
}
