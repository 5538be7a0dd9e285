package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.HeadlessConsoleMain;
import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.Mosquitto;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.console.model.StartupProgress;
import io.xdpguard.console.store.AlertHistory;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert the console has taken from its broker, and so acknowledged, is in the history after the console is
 * killed (SIGKILL, a crash) the moment it has it, and starts again: the receive log kept it. Before, the broker had
 * forgotten it and the history had not written it yet.
 */
class CrashRecoveryTest {
    private static final int ALERTS = 500;

    @TempDir
    Path dir;

    @Test
    void alertsTakenJustBeforeASigkillAreStoredAtTheNextStart() throws Exception {
        Path config = dir.resolve("config");
        Path data = dir.resolve("data");
        try (Mosquitto broker = Mosquitto.start(dir.resolve("mosquitto"));
             SimAgent agent = new SimAgent(broker.url(), "lab", "web-1")) {
            Process child = startConsole(config, data, broker.url());
            BlockingQueue<String> out = lines(child);
            try {
                // The retained status reaches it once it has subscribed: from then on it takes every alert.
                agent.online(GuardMode.ENFORCE);
                awaitAccepted(out, 1, child);
                long now = System.currentTimeMillis();
                for (int i = 0; i < ALERTS; i++) {
                    agent.publish(Messages.alert("lab", "web-1", "a" + i, "inc-" + i / 10, Severity.HIGH,
                            AlertState.START, "198.18.0." + (i % 250 + 1), "198.19.0.1", now + i));
                }
                // Killed the moment it has them: the last ones are not in its history yet, whatever the machine's
                // speed (the history gathers for 200 ms, and H2 writes a commit to its file later still).
                awaitAccepted(out, 1 + ALERTS, child);
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("killed console exited").isTrue();
            }
        }

        ConsoleOptions again = ConsoleOptions.defaults().withDirs(config, data, dir.resolve("exports"))
                .withBrokers(List.of()).withWarmUpAlerts(0);
        try (Console console = new Console(again).start()) {
            AlertHistory history = console.history().get(60, TimeUnit.SECONDS);
            assertThat(history.count()).as("alerts in the history after the restart").isEqualTo(ALERTS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (console.startup().snapshot().history().phase() == StartupProgress.Phase.RUNNING
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            // How many the killed console had stored itself depends on the machine; some it had not.
            assertThat(console.startup().snapshot().history().text()).as("what start-up says")
                    .containsPattern("\\d+ alerts? from before a crash recovered");
        }
        try (Stream<Path> files = Files.list(data.resolve("received"))) {
            List<Path> segments = files.filter(p -> p.getFileName().toString().startsWith("segment-")).toList();
            // The killed run's are deleted once stored; the restarted one's own, which received nothing, is left.
            assertThat(segments).as("segments left").hasSize(1);
            assertThat(Files.size(segments.getFirst())).isZero();
        }
    }

    private Process startConsole(Path config, Path data, String url) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), HeadlessConsoleMain.class.getName(),
                config.toString(), data.toString(), url);
        return new ProcessBuilder(command).redirectError(dir.resolve("child.err").toFile()).start();
    }

    /** The child's output lines, read on a thread of their own so that a silent child cannot hang the test. */
    private static BlockingQueue<String> lines(Process child) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().name("child-stdout").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // The child was killed: nothing more to read.
            }
        });
        return lines;
    }

    /** Waits (a minute at most) for an {@code accepted=N} line with N at least {@code expected}. */
    private void awaitAccepted(BlockingQueue<String> out, long expected, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            String line = out.poll(left, TimeUnit.NANOSECONDS);
            if (line != null && line.startsWith("accepted=") && Long.parseLong(line.substring(9)) >= expected) {
                return;
            }
        }
        throw new AssertionError("console did not accept " + expected + " messages within a minute (alive: "
                + child.isAlive() + "); its log:\n" + Files.readString(dir.resolve("child.err")));
    }
}
