package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.sched.Background;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Storage threads yield the CPU to the FX threads (a higher nice value), and so do the threads they start. */
class BackgroundPriorityTest {

    private static Integer niceOn(int nice, boolean inChild) throws Exception {
        var seen = new CompletableFuture<Integer>();
        Background.thread("xg-test", nice, () -> {
            if (!inChild) {
                seen.complete(Background.currentNice().orElse(null));
                return;
            }
            // As H2 or Paho would: a plain thread started from the background one.
            Thread.ofPlatform().start(() -> seen.complete(Background.currentNice().orElse(null)));
        }).start();
        return seen.get(10, TimeUnit.SECONDS);
    }

    @Test
    void storageThreadsAndTheThreadsTheyStartRunAtALowerPriority() throws Exception {
        // Linux is where the console runs; this test runs there (CI is Debian).
        assertThat(System.getProperty("os.name")).startsWith("Linux");
        assertThat(niceOn(Background.STORAGE, false)).isEqualTo(Background.STORAGE).isGreaterThan(0);
        assertThat(niceOn(Background.STORAGE, true)).isEqualTo(Background.STORAGE);
        assertThat(niceOn(Background.INGEST, false)).isEqualTo(0);
    }
}
