package io.xdpguard.console.ingest;

import io.xdpguard.console.model.AlertJournal;
import io.xdpguard.console.model.FleetLimits;
import io.xdpguard.console.model.FleetState;
import io.xdpguard.console.model.FrameDelta;
import io.xdpguard.console.model.Inbound;
import io.xdpguard.protocol.Action;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertKind;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Endpoint;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.HostState;
import io.xdpguard.protocol.Message;
import io.xdpguard.protocol.Severity;
import io.xdpguard.protocol.SourceRate;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Telemetry;
import io.xdpguard.protocol.Thresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The start-up warm-up's made-up fleet ({@link #fleet}) and its scratch copy of the fleet thread's work
 * ({@link #apply}: fleet state, incident grouping, the frame hand-off, a journal). The messages reach it through
 * the console's own MQTT client from a loopback feed (mqtt.Rehearsal), and its frames go on to rehearse the alert
 * table (view.WarmUpViews): what the first attack after start-up runs, run once before it, so that the JIT
 * compilers have compiled it. Without it the first burst met an interpreter, and compilers that took most of a
 * core for seconds (load benchmark: publish→row p99 about 500 ms against 62–90 ms once warm; README). Nothing here
 * touches the console's own state: the fleet state, journal and frame builder are new objects.
 */
public final class Warmup {
    /** Where the made-up messages say they come from; no broker has this name (not a valid profile name). */
    public static final String BROKER = "(warm-up)";
    private static final String SITE = "xg-warmup";
    private static final int HOSTS = 50;
    // Alerts per incident (START, UPDATEs, END), as an agent sends them while a flood goes on.
    private static final int INCIDENT_LENGTH = 10;
    private static final int SEAL_EVERY = 100;

    /** What one run did: messages decoded and applied, frames sealed. */
    public record Result(int messages, int frames, long millis) {
    }

    private final FleetLimits limits;
    private final AlertJournal journal;
    private final Consumer<FrameDelta> frames;

    public Warmup(FleetLimits limits, AlertJournal journal, Consumer<FrameDelta> frames) {
        this.limits = limits;
        this.journal = journal;
        this.frames = frames;
    }

    /**
     * The made-up fleet, in the order a broker would deliver it: {@value #HOSTS} hosts' status, then {@code alerts}
     * alerts (incidents of {@value #INCIDENT_LENGTH}: START, UPDATEs, END), with a telemetry message every 20.
     * Addresses from 198.18.0.0/15, the benchmarking range; nothing is ever sent to them.
     */
    public static List<Message> fleet(int alerts) {
        long now = System.currentTimeMillis();
        List<Message> out = new ArrayList<>(HOSTS + alerts + alerts / 20 + 1);
        for (int h = 0; h < HOSTS; h++) {
            out.add(status(h, now));
        }
        for (int i = 0; i < alerts; i++) {
            out.add(alert(i, now));
            if (i % 20 == 0) {
                out.add(telemetry((i / 20) % HOSTS, now));
            }
        }
        return out;
    }

    /**
     * Applies {@code expected} messages taken from {@code received} to a scratch fleet state on this thread, as the
     * fleet thread would: frames sealed every {@value #SEAL_EVERY} alerts, incident groups every fifth frame, a tick
     * every 1,000 alerts. Stops early if nothing comes for {@code idleMs}, or once {@code stop} says so.
     */
    public Result apply(BlockingQueue<Inbound> received, int expected, long idleMs, BooleanSupplier stop)
            throws InterruptedException {
        long started = System.nanoTime();
        FleetState state = new FleetState(limits);
        FrameDelta.Builder pending = new FrameDelta.Builder();
        int messages = 0;
        int alerts = 0;
        int frameCount = 0;
        long lastReceived = System.nanoTime();
        while (messages < expected && !stop.getAsBoolean()) {
            Inbound in = received.poll(100, TimeUnit.MILLISECONDS);
            if (in == null) {
                if (System.nanoTime() - lastReceived > TimeUnit.MILLISECONDS.toNanos(idleMs)) {
                    break;
                }
                continue;
            }
            lastReceived = System.nanoTime();
            state.apply(in);
            messages++;
            if (in.message() instanceof Alert && ++alerts % SEAL_EVERY == 0) {
                frameCount += seal(state, pending, alerts % (SEAL_EVERY * 5) == 0);
                if (alerts % 1_000 == 0) {
                    state.tick(System.currentTimeMillis());
                }
            }
        }
        frameCount += seal(state, pending, true);
        return new Result(messages, frameCount, (System.nanoTime() - started) / 1_000_000);
    }

    private int seal(FleetState state, FrameDelta.Builder pending, boolean withIncidents) {
        state.journalFresh(journal);
        FrameDelta d = state.seal(withIncidents);
        if (d.isEmpty()) {
            return 0;
        }
        pending.add(d);
        FrameDelta frame = pending.build();
        pending.clear();
        frames.accept(frame);
        return 1;
    }

    private static String host(int h) {
        return String.format(Locale.ROOT, "warm-%02d", h);
    }

    private static Status status(int h, long now) {
        return new Status(1, SITE, host(h), HostState.ONLINE, "warm-up", "warm-up", "eth0", "native", GuardMode.SHADOW,
                new Thresholds(50, 5_000, 1_000, 10_000), now, now);
    }

    private static Telemetry telemetry(int h, long now) {
        return new Telemetry(1, SITE, host(h), now, 12_000, 9_600_000, 6_000, 3, 40, 7, 1, 0, 3_000, 0, 1,
                GuardMode.SHADOW);
    }

    /** The shapes a flood produces: every severity and state, one source per incident, a shared target now and then. */
    private static Alert alert(int i, long now) {
        int incident = i / INCIDENT_LENGTH;
        int step = i % INCIDENT_LENGTH;
        int h = incident % HOSTS;
        AlertState state = step == 0 ? AlertState.START : step == INCIDENT_LENGTH - 1 ? AlertState.END
                : AlertState.UPDATE;
        String target = incident % 20 == 0 ? "198.18.255.1" : "198.18.0." + (h + 1);
        String source = "198.19." + (incident % 250) + ".1";
        return new Alert(1, SITE, host(h), "warm-" + i, "warm-inc-" + incident, i, AlertKind.SYN_FLOOD, state,
                Severity.values()[incident % Severity.values().length], new Endpoint(target, 80),
                new Endpoint(source, null), 10_200, 11_000, 5_000, 12, 0.0012,
                List.of(new SourceRate(source, 10_100), new SourceRate("198.19.7.10", 40)), GuardMode.SHADOW,
                Action.WOULD_DROP, now - 1_000, now - 900, now, state == AlertState.END ? now : null, now);
    }
}
