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
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                // The retained status reaches it once it has subscribed: from then on it takes every alert.
                agent.online(GuardMode.ENFORCE);
                awaitAccepted(out, 1, child);
                long now = System.currentTimeMillis();
                for (int i = 0; i < ALERTS; i++) {
                    agent.publish(Messages.alert("lab", "web-1", "a" + i, "inc-" + i / 10, Severity.HIGH,
                            AlertState.START, "198.18.0." + (i % 250 + 1), "198.19.0.1", now + i));
                }
                awaitAccepted(out, 1 + ALERTS, child);
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
            assertThat(console.startup().snapshot().history().text()).as("what start-up says")
                    .contains(ALERTS + " alerts from before a crash recovered");
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

    /** Reads the child's {@code accepted=N} lines until N reaches {@code expected}; fails if it exits first. */
    private void awaitAccepted(BufferedReader out, long expected, Process child) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("accepted=") && Long.parseLong(line.substring(9)) >= expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        child.destroyForcibly();
        throw new AssertionError("console did not accept " + expected + " messages; its log:\n"
                + Files.readString(dir.resolve("child.err")));
    }
}
