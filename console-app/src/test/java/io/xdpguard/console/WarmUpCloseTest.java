package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A console closed while it is still warming up stops the warm-up and leaves no scratch folder behind. */
class WarmUpCloseTest {
    @TempDir
    Path dir;

    @Test
    void closingDuringTheWarmUpRemovesItsScratchHistory() throws Exception {
        Set<Path> before = scratchDirs();
        Console console = new Console(ConsoleOptions.defaults()
                .withDirs(dir.resolve("config"), dir.resolve("data"), dir.resolve("exports"))
                .withBrokers(List.of()).withWarmUpAlerts(200_000)).start();
        try {
            await("the warm-up has its scratch history").atMost(Duration.ofSeconds(20))
                    .until(() -> !newScratchDirs(before).isEmpty());
            assertThat(console.warmedUp()).as("still warming up when closed").isNotDone();
        } finally {
            console.close();
        }
        assertThat(console.warmedUp()).isDone();
        assertThat(newScratchDirs(before)).isEmpty();
    }

    private Set<Path> newScratchDirs(Set<Path> before) throws IOException {
        Set<Path> now = scratchDirs();
        now.removeAll(before);
        return now;
    }

    private static Set<Path> scratchDirs() throws IOException {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("xg-warmup-")).collect(Collectors.toSet());
        }
    }
}
