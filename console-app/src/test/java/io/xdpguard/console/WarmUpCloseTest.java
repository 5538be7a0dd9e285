package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A console closed while it is still warming up stops the warm-up: none of its threads outlive the console. */
class WarmUpCloseTest {
    @TempDir
    Path dir;

    @Test
    void closingDuringTheWarmUpStopsItsThreads() {
        Console console = new Console(ConsoleOptions.defaults()
                .withDirs(dir.resolve("config"), dir.resolve("data"), dir.resolve("exports"))
                .withBrokers(List.of()).withWarmUpAlerts(200_000)).start();
        try {
            await("the warm-up's MQTT client is receiving").atMost(Duration.ofSeconds(20))
                    .until(() -> warmUpThreads().stream().anyMatch(n -> n.startsWith("xg-mqtt-warm-up")));
            assertThat(console.warmedUp()).as("still warming up when closed").isNotDone();
        } finally {
            console.close();
        }
        assertThat(console.warmedUp()).as("close waited for it").isDone();
        await("the warm-up's threads are gone").atMost(Duration.ofSeconds(10))
                .until(() -> warmUpThreads().stream().noneMatch(n -> n.equals("xg-warmup")
                        || n.startsWith("xg-warmup-feed") || n.startsWith("xg-warmup-publish")));
    }

    private static List<String> warmUpThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("xg-warmup") || n.startsWith("xg-mqtt-warm-up")).toList();
    }
}
