package io.xdpguard.console.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throw-away {@link AlertHistory} for the start-up warm-up: a database file of its own in a new temporary
 * directory, opened as the real history is opened, and deleted with its directory when closed. On disk rather than
 * in memory because H2's file store (page writes, its cache, chunk housekeeping) is a good share of what a first
 * attack compiles: in the load benchmark's cold burst (JFR jdk.Compilation), with the scratch history in memory, C1
 * compiled 334 of H2's methods and C2 spent 1.5 s on H2; with a file, 33-43 methods and 0.9 s.
 */
public final class ScratchHistory implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ScratchHistory.class.getName());
    private static final String PREFIX = "xg-warmup-history-";
    private static final String FILE = "history.mv.db";
    /** Untouched this long, a scratch directory is a killed console's. */
    private static final Duration ABANDONED = Duration.ofHours(1);

    private final Path dir;
    private final AlertHistory history;

    private ScratchHistory(Path dir, AlertHistory history) {
        this.dir = dir;
        this.history = history;
    }

    /** A new empty history under the system's temporary directory. */
    public static ScratchHistory open(ObjectMapper json, Clock clock, Duration retention, long maxRows)
            throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        removeLeftovers(tmp, Instant.now());
        // The process id in the name tells a later start whether the console that made it is gone.
        Path dir = Files.createTempDirectory(tmp, PREFIX + ProcessHandle.current().pid() + "-");
        try {
            return new ScratchHistory(dir, new AlertHistory(dir, json, clock, retention, maxRows));
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    public AlertHistory history() {
        return history;
    }

    @Override
    public void close() {
        history.close();
        delete(dir);
    }

    /**
     * Deletes what a console killed during its warm-up left (up to about 50 MB; a console whose display went away,
     * at logout, dies without running its shutdown hooks): a scratch directory whose process is gone, or, should its
     * process id have been given to another process since, that has not been written for an hour. A warm-up writes
     * its own for some seconds and then deletes it, so no running one is that old.
     */
    static void removeLeftovers(Path tmp, Instant now) {
        Instant cutoff = now.minus(ABANDONED);
        try (var dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (ownerGone(dir) || lastWritten(dir).isBefore(cutoff)) {
                    LOG.log(Level.INFO, "event=warm_up_history_leftover_removed dir=\"{0}\"", dir);
                    delete(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "event=warm_up_history_leftovers_not_checked detail=\"{0}\"", e.toString());
        }
    }

    private static boolean ownerGone(Path dir) {
        String rest = dir.getFileName().toString().substring(PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            return dash > 0 && ProcessHandle.of(Long.parseLong(rest.substring(0, dash))).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Instant lastWritten(Path dir) throws IOException {
        Path db = dir.resolve(FILE);
        return Files.getLastModifiedTime(Files.exists(db) ? db : dir).toInstant();
    }

    private static void delete(Path dir) {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=warm_up_history_not_deleted dir=\"{0}\" detail=\"{1}\"", dir, e.getMessage());
            return;
        }
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "event=warm_up_history_not_deleted path=\"{0}\" detail=\"{1}\"", p,
                        e.getMessage());
            }
        }
    }
}
