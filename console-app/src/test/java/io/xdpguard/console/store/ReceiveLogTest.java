package io.xdpguard.console.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.ingest.FleetPipeline;
import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.model.Diagnostics;
import io.xdpguard.console.model.FleetLimits;
import io.xdpguard.console.model.Inbound;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.MessageKind;
import io.xdpguard.protocol.Severity;
import io.xdpguard.protocol.Topic;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receive log keeps what a crash would lose, gives up a torn last record only, and lets go of what is stored. */
class ReceiveLogTest {
    private static final Codec CODEC = new Codec();

    @TempDir
    Path data;

    @Test
    void aRecordCutShortByACrashIsDroppedAndTheOnesBeforeItKept() throws Exception {
        try (ReceiveLog log = ReceiveLog.open(data).orElseThrow()) {
            for (int i = 0; i < 3; i++) {
                receive(log, alert("a" + i));
            }
        }
        Path segment = data.resolve("received").resolve("segment-1.log");
        try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            c.truncate(c.size() - 5);
        }
        try (ReceiveLog reopened = ReceiveLog.open(data).orElseThrow()) {
            assertThat(logged(reopened)).extracting(r -> ((Alert) decode(r)).id()).containsExactly("a0", "a1");
        }
    }

    @Test
    void noSegmentClosesBetweenAnAlertsAppendAndItsHandOff() throws Exception {
        try (ReceiveLog log = ReceiveLog.open(data).orElseThrow()) {
            AtomicReference<Thread.State> rotatorDuringHandOff = new AtomicReference<>();
            Thread rotator = Thread.ofPlatform().unstarted(log::rotate);
            receive(log, alert("a0"), () -> {
                rotator.start();
                try {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (rotator.getState() != Thread.State.BLOCKED && rotator.isAlive()
                            && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                } finally {
                    rotatorDuringHandOff.set(rotator.getState());
                }
            });
            rotator.join(10_000);
            assertThat(rotatorDuringHandOff.get()).as("the rotation waited for the hand-off")
                    .isEqualTo(Thread.State.BLOCKED);
            assertThat(segments(log)).as("then it closed the alert's segment").hasSize(2);
        }
    }

    @Test
    void aSecondConsoleOnTheSameDataKeepsNoLog() {
        try (ReceiveLog first = ReceiveLog.open(data).orElseThrow()) {
            assertThat(ReceiveLog.open(data)).isEmpty();
        }
    }

    @Test
    void segmentsGoOnceTheHistoryHasTheirAlertsOnDisk() throws Exception {
        int alerts = 300;
        try (AlertHistory history = new AlertHistory(data, CODEC.mapper(), Clock.systemUTC(), Duration.ofDays(1),
                1_000_000);
             ReceiveLog log = ReceiveLog.open(data).orElseThrow()) {
            FleetPipeline pipeline = new FleetPipeline(FleetLimits.defaults(), new Diagnostics(), history,
                    Clock.systemUTC()).start();
            try {
                receiveThrough(log, pipeline, alerts);
                await(() -> count(history) == alerts, "all alerts stored");
                // The segment written to while they came is closed at the next turn, and deleted once they are stored.
                await(() -> segments(log).size() == 1 && size(segments(log).getFirst()) == 0,
                        "stored segments deleted");
            } finally {
                pipeline.close();
            }
        }
        try (ReceiveLog reopened = ReceiveLog.open(data).orElseThrow()) {
            assertThat(logged(reopened)).as("nothing left to replay").isEmpty();
        }
    }

    @Test
    void segmentsStayWhileTheHistoryIsNotOpen() throws Exception {
        int alerts = 200;
        HistoryGate gate = new HistoryGate();
        try (ReceiveLog log = ReceiveLog.open(data).orElseThrow()) {
            FleetPipeline pipeline = new FleetPipeline(FleetLimits.defaults(), new Diagnostics(), gate,
                    Clock.systemUTC()).start();
            try {
                receiveThrough(log, pipeline, alerts);
                // Every alert in a closed segment (the one written to now is empty), and the fleet thread past the
                // request to delete each closed one once stored: one request per closed segment.
                await(() -> {
                    List<Path> segs = segments(log);
                    return segs.size() >= 2 && size(segs.getLast()) == 0
                            && pipeline.applied() >= alerts + segs.size() - 1;
                }, "alerts in closed segments, kept");
                assertThat(logged(log))
                        .as("alerts kept in the log while no history stores them").hasSize(alerts);

                try (AlertHistory history = new AlertHistory(data, CODEC.mapper(), Clock.systemUTC(),
                        Duration.ofDays(1), 1_000_000)) {
                    gate.open(history);
                    await(() -> count(history) == alerts && segments(log).size() == 1, "stored, then deleted");
                }
            } finally {
                pipeline.close();
            }
        }
    }

    @Test
    void segmentsStayForTheNextStartWhenAlertsWereGivenUpOnTheWay() throws Exception {
        AtomicLong losses = new AtomicLong();
        try (ReceiveLog log = ReceiveLog.open(data).orElseThrow()) {
            // The history confirms at once here; what matters is what the log does when told of a loss.
            log.trimEvery(Duration.ofMillis(20), Runnable::run, losses::get);
            // Dropped as it is handed on (a full fleet queue, say): under the log's lock, as the real hand-off.
            receive(log, alert("given-up"), losses::incrementAndGet);
            await(() -> segments(log).size() >= 2 && size(segments(log).getLast()) == 0, "its segment closed");
            receive(log, alert("after-the-loss"));
            await(() -> size(segments(log).getLast()) == 0 && logged(log).size() == 2, "the next one closed");
            receive(log, alert("later"));
            await(() -> size(segments(log).getLast()) == 0, "a third closed");
            // The loss was noticed while the second segment was written: the first two stay, the third goes.
            await(() -> logged(log).size() == 2, "the third deleted");
            assertThat(logged(log)).extracting(r -> ((Alert) decode(r)).id())
                    .containsExactly("given-up", "after-the-loss");
        }
    }

    @Test
    void aReplayStoresOnlyWhatTheHistoryDoesNotHave() throws Exception {
        try (ReceiveLog log = ReceiveLog.open(data).orElseThrow()) {
            for (int i = 0; i < 5; i++) {
                receive(log, alert("a" + i));
            }
        }
        try (AlertHistory history = new AlertHistory(data, CODEC.mapper(), Clock.systemUTC(), Duration.ofDays(1),
                1_000_000)) {
            history.recorded(List.of(new io.xdpguard.console.model.AlertEntry(alert("a0"), "lab", 1L, 7L)));
            history.flush(Duration.ofSeconds(10));
            try (ReceiveLog log = ReceiveLog.open(data).orElseThrow()) {
                assertThat(log.replayInto(history, CODEC, Duration.ofSeconds(30))).isEqualTo(5);
                assertThat(history.count()).isEqualTo(5);
                // The analyst's acknowledgement of the one already stored is kept.
                assertThat(history.search("a0", 10)).singleElement()
                        .satisfies(e -> assertThat(e.acknowledgedAt()).isEqualTo(7L));
                assertThat(log.segments()).as("the replayed segment is deleted").hasSize(1);
            }
        }
    }

    private static Alert alert(String id) {
        return Messages.alert("lab", "web-1", id, "inc-1", Severity.HIGH, AlertState.START, "198.18.0.1",
                "198.19.0.1", System.currentTimeMillis());
    }

    /** Trims every 50 ms as the fleet pipeline confirms; {@code alerts} alerts logged and handed to it. */
    private static void receiveThrough(ReceiveLog log, FleetPipeline pipeline, int alerts) {
        log.trimEvery(Duration.ofMillis(50), pipeline::durable, pipeline::lost);
        for (int i = 0; i < alerts; i++) {
            Alert a = alert("a" + i);
            receive(log, a, () -> pipeline.offer(new Inbound("lab", a, false, a.ts())));
        }
    }

    private static void receive(ReceiveLog log, Alert a) {
        receive(log, a, () -> { });
    }

    private static void receive(ReceiveLog log, Alert a, Runnable handOff) {
        log.received("lab", a.ts(), Topic.of(a.site(), a.host(), MessageKind.ALERT).path(), CODEC.encode(a), handOff);
    }

    /** What the log's segments hold, oldest first. */
    private static List<SegmentFormat.Received> logged(ReceiveLog log) {
        return segments(log).stream().flatMap(p -> SegmentFormat.read(p).stream()).toList();
    }

    private static Object decode(SegmentFormat.Received r) {
        return ((io.xdpguard.protocol.Decoded.Accepted) CODEC.decode(r.topic(), r.payload())).message();
    }

    private static long count(AlertHistory h) {
        try {
            return h.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> segments(ReceiveLog log) {
        try {
            return log.segments();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
