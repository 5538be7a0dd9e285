package io.xdpguard.console.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A console killed during its start-up warm-up leaves a scratch history behind; a later start removes it. */
class ScratchHistoryTest {
    @TempDir
    Path tmp;

    @Test
    void removesOnlyScratchHistoriesUntouchedForAnHour() throws Exception {
        Instant now = Instant.now();
        Path killed = scratch("xg-warmup-history-1", now.minus(Duration.ofHours(3)), true);
        Path killedBeforeItsFile = scratch("xg-warmup-history-2", now.minus(Duration.ofHours(2)), false);
        Path running = scratch("xg-warmup-history-3", now.minusSeconds(5), true);
        Path justMade = scratch("xg-warmup-history-4", now, false);
        Path notOurs = scratch("xg-other-1", now.minus(Duration.ofDays(2)), true);

        ScratchHistory.removeLeftovers(tmp, now);

        assertThat(killed).doesNotExist();
        assertThat(killedBeforeItsFile).doesNotExist();
        assertThat(running.resolve("history.mv.db")).exists();
        assertThat(justMade).exists();
        assertThat(notOurs.resolve("history.mv.db")).exists();
    }

    @Test
    void removesAtOnceWhatAConsoleThatIsGoneLeft() throws Exception {
        Instant now = Instant.now();
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path ofEnded = scratch("xg-warmup-history-" + ended.pid() + "-123", now.minusSeconds(5), true);
        Path ofThisJvm = scratch("xg-warmup-history-" + ProcessHandle.current().pid() + "-456", now.minusSeconds(5),
                true);

        ScratchHistory.removeLeftovers(tmp, now);

        assertThat(ofEnded).doesNotExist();
        assertThat(ofThisJvm.resolve("history.mv.db")).exists();
    }

    private Path scratch(String name, Instant written, boolean withFile) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve(name));
        if (withFile) {
            Path db = Files.writeString(dir.resolve("history.mv.db"), "H2");
            Files.setLastModifiedTime(db, FileTime.from(written));
        }
        Files.setLastModifiedTime(dir, FileTime.from(written));
        return dir;
    }
}
