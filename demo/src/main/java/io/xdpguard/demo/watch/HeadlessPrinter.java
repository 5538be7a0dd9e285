package io.xdpguard.demo.watch;

import io.xdpguard.protocol.Alert;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;

/** Prints what a subscriber sees, one line per alert with its latency, for a demo without a display. */
public final class HeadlessPrinter implements Consumer<Observed> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final Consumer<String> out;

    public HeadlessPrinter(Consumer<String> out) {
        this.out = out;
    }

    @Override
    public void accept(Observed o) {
        switch (o) {
            case Observed.AlertSeen seen -> out.accept(line(seen));
            case Observed.StatusSeen s -> out.accept(String.format(Locale.ROOT, "%s STATUS %s/%s %s mode=%s xdp=%s",
                    TIME.format(Instant.ofEpochMilli(s.receivedAtMs())), s.status().site(), s.status().host(),
                    s.status().state().wire(), s.status().mode().wire(), s.status().attachMode()));
            case Observed.TelemetrySeen t when t.telemetry().droppedPerSec() > 0 || t.telemetry().wouldDropPerSec() > 0 ->
                    out.accept(String.format(Locale.ROOT, "%s DROP   %s/%s dropped/s=%d would-drop/s=%d syn/s=%d",
                            TIME.format(Instant.ofEpochMilli(t.receivedAtMs())), t.telemetry().site(),
                            t.telemetry().host(), t.telemetry().droppedPerSec(), t.telemetry().wouldDropPerSec(),
                            t.telemetry().synPerSec()));
            case Observed.TelemetrySeen t -> { }
        }
    }

    private static String line(Observed.AlertSeen seen) {
        Alert a = seen.alert();
        String sources = a.topSources().stream().limit(3).map(s -> s.address()).reduce((x, y) -> x + "," + y).orElse("-");
        return String.format(Locale.ROOT, "%s ALERT  %s/%s %-10s %-6s %-8s target=%s rate=%d/s peak=%d/s completions=%.0f%% sources=%s action=%s latency=%d ms",
                TIME.format(Instant.ofEpochMilli(seen.receivedAtMs())), a.site(), a.host(), a.kind().wire(),
                a.state().wire(), a.severity().wire(), a.target(), a.synPerSec(), a.peakSynPerSec(),
                a.completionRatio() * 100, sources, a.action().wire(), seen.latencyMs());
    }
}
