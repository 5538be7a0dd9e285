package io.xdpguard.console.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.model.AlertJournal;
import io.xdpguard.console.sched.Background;
import io.xdpguard.protocol.Alert;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Alert history in an embedded H2 database, so alerts outlive the live window and restarts. Writes are
 * queued and done in batches on the "xg-history" thread, so the fleet thread never waits on the disk.
 * Retention: rows older than {@code retention}, and the oldest beyond {@code maxRows}, are deleted at start
 * and then every ten minutes.
 */
public final class AlertHistory implements AlertJournal, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AlertHistory.class.getName());
    private static final long PURGE_EVERY_MS = 600_000;
    private static final int MAX_QUEUED = 100_000;
    private static final long GATHER_NS = 200_000_000L;
    private static final int MAX_BATCH = 1_000;

    private sealed interface Write {
    }

    private record Insert(List<AlertEntry> entries) implements Write {
    }

    private record Ack(List<AlertEntry> entries) implements Write {
    }

    private record Flush(java.util.concurrent.CountDownLatch done) implements Write {
    }

    private record Durable(Runnable then) implements Write {
    }

    private final Connection db;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration retention;
    private final long maxRows;
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long dropped;
    // Alerts in dropped batches and in batches whose write failed: the receive log keeps its segments then.
    private final java.util.concurrent.atomic.AtomicLong lostAlerts = new java.util.concurrent.atomic.AtomicLong();

    public AlertHistory(Path dir, ObjectMapper json, Clock clock, Duration retention, long maxRows)
            throws IOException {
        // H2's own shutdown hook would close the database under the console's, which first writes what is queued.
        // A 1 MB page cache instead of H2's 16 MB: every page H2 writes goes into its cache, so under a burst a
        // 16 MB cache kept each written page for seconds, long enough to be copied by the next young collections
        // and promoted (load benchmark, warm bursts: G1 copied about 9 MB per pause, 5 MB with 1 MB). The cost
        // is in searches that the cache would have served: 97 against 38 ms for a host's last 500 alerts in a
        // 200,000-alert history; a search that scans it all takes about a second either way.
        this("jdbc:h2:file:" + dir.resolve("history").toAbsolutePath()
                        + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=1024",
                dir.toString(), json, clock, retention, maxRows);
    }

    private AlertHistory(String url, String where, ObjectMapper json, Clock clock, Duration retention, long maxRows)
            throws IOException {
        this.json = json;
        this.clock = clock;
        this.retention = retention;
        this.maxRows = maxRows;
        this.db = open(url, where);
        try {
            purge();
        } catch (SQLException e) {
            try {
                db.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw new IOException("cannot purge alert history in " + where + ": " + e.getMessage(), e);
        }
        this.thread = Background.thread("xg-history", Background.STORAGE, this::run);
        thread.start();
    }

    /**
     * Opens (or creates) the database. On a background thread: H2 starts its own writer threads at open, and
     * threads inherit their creator's CPU priority, which must be the storage one, not the FX thread's.
     */
    private Connection open(String url, String where) throws IOException {
        var opened = new java.util.concurrent.CompletableFuture<Connection>();
        Background.thread("xg-history-open", Background.STORAGE, () -> {
            try {
                opened.complete(HistorySchema.open(url));
            } catch (SQLException | RuntimeException e) {
                opened.completeExceptionally(e);
            }
        }).start();
        try {
            return opened.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening the alert history in " + where, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("cannot open alert history in " + where + ": " + e.getCause().getMessage()
                    + " (is another console using it?)", e.getCause());
        }
    }

    @Override
    public void recorded(List<AlertEntry> fresh) {
        enqueue(new Insert(fresh));
    }

    @Override
    public void acknowledged(List<AlertEntry> changed) {
        enqueue(new Ack(changed));
    }

    private void enqueue(Write w) {
        if (!queue.offer(w)) {
            dropped++;
            if (w instanceof Insert i) {
                lostAlerts.addAndGet(i.entries().size());
            }
            LOG.log(Level.WARNING, "event=history_overflow dropped_batches={0}", dropped);
        }
    }

    /**
     * Runs {@code then} on the history thread once everything queued before it is committed and written to the
     * database file: H2 otherwise writes a commit to the file up to a second later, and a crash in between would
     * lose it. Called every few seconds at most (the receive log's trimming), so the checkpoint costs little.
     * Never blocks: with the queue full the request is dropped, and what it would have deleted waits for the next.
     */
    @Override
    public void durable(Runnable then) {
        if (!queue.offer(new Durable(then))) {
            LOG.log(Level.WARNING, "event=history_durable_request_dropped detail=\"queue full\"");
        }
    }

    @Override
    public long lost() {
        return lostAlerts.get();
    }

    /** Drops what is queued and not yet written: for a scratch history that is about to be thrown away. */
    public void discardPending() {
        queue.clear();
    }

    /** Waits until everything queued so far is written (tests, and an orderly shutdown). */
    public void flush(Duration timeout) throws InterruptedException {
        var latch = new java.util.concurrent.CountDownLatch(1);
        queue.put(new Flush(latch));
        latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The most recent alerts, oldest first, to refill the live window at start. */
    public List<AlertEntry> recent(int limit) throws IOException {
        return read("SELECT broker, received_at, acknowledged_at, payload FROM alert ORDER BY received_at DESC LIMIT ?",
                ps -> ps.setInt(1, limit), e -> true, "read").reversed();
    }

    /**
     * Alerts whose stored JSON contains {@code needle} (case-insensitive; blank matches all), newest first, at
     * most {@code limit}: how an analyst reaches alerts that have left the live table. A scan of the stored
     * rows; call it off the FX thread.
     */
    public List<AlertEntry> search(String needle, int limit) throws IOException {
        String n = needle == null ? "" : needle.strip().toLowerCase(java.util.Locale.ROOT);
        String like = "%" + n.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        // LIKE over the JSON also hits field names ("state", "target"): keep value matches only.
        return read("SELECT broker, received_at, acknowledged_at, payload FROM alert "
                + "WHERE LOWER(payload) LIKE ? ESCAPE '\\' ORDER BY received_at DESC LIMIT ?", ps -> {
                    ps.setString(1, like);
                    ps.setInt(2, limit);
                }, e -> e.matches(n), "search");
    }

    private interface Parameters {
        void set(PreparedStatement ps) throws SQLException;
    }

    /** The rows {@code select} finds, as entries, those {@code keep} takes; an unreadable row is logged and skipped. */
    private List<AlertEntry> read(String select, Parameters parameters, java.util.function.Predicate<AlertEntry> keep,
                                  String what) throws IOException {
        List<AlertEntry> out = new ArrayList<>();
        synchronized (db) {
            try (PreparedStatement ps = db.prepareStatement(select)) {
                parameters.set(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        try {
                            Alert a = json.readValue(rs.getString(4), Alert.class);
                            AlertEntry e = new AlertEntry(a, rs.getString(1), rs.getLong(2), rs.getObject(3, Long.class));
                            if (keep.test(e)) {
                                out.add(e);
                            }
                        } catch (IOException | IllegalArgumentException bad) {
                            LOG.log(Level.WARNING, "event=history_row_unreadable detail=\"{0}\"", bad.getMessage());
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IOException("cannot " + what + " alert history: " + e.getMessage(), e);
            }
        }
        return out;
    }

    public long count() throws IOException {
        synchronized (db) {
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM alert")) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    public void purge() throws SQLException {
        synchronized (db) {
            try (PreparedStatement old = db.prepareStatement("DELETE FROM alert WHERE received_at < ?")) {
                old.setLong(1, clock.millis() - retention.toMillis());
                int n = old.executeUpdate();
                try (PreparedStatement excess = db.prepareStatement("DELETE FROM alert WHERE received_at < "
                        + "(SELECT MIN(received_at) FROM (SELECT received_at FROM alert ORDER BY received_at DESC LIMIT ?))")) {
                    excess.setLong(1, maxRows);
                    n += excess.executeUpdate();
                }
                if (n > 0) {
                    LOG.log(Level.INFO, "event=history_purged rows={0}", n);
                }
            }
        }
    }

    private void run() {
        long nextPurge = clock.millis() + PURGE_EVERY_MS;
        List<Write> batch = new ArrayList<>();
        while (running) {
            try {
                Write first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    batch.add(first);
                    // Gather a short while: one transaction per window, not one per fleet frame. Under a burst
                    // that is hundreds of rows per commit instead of a few (MVStore copies B-tree pages per commit).
                    long until = System.nanoTime() + GATHER_NS;
                    for (Write w; batch.size() < MAX_BATCH
                            && (w = queue.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)) != null; ) {
                        batch.add(w);
                        queue.drainTo(batch, MAX_BATCH - batch.size());
                    }
                    write(batch);
                    batch.clear();
                }
                if (clock.millis() >= nextPurge) {
                    purge();
                    nextPurge = clock.millis() + PURGE_EVERY_MS;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.ERROR, "event=history_write_failed detail=\"" + e.getMessage() + "\"", e);
                lostAlerts.addAndGet(batch.stream().mapToLong(w -> w instanceof Insert i ? i.entries().size() : 0)
                        .sum());
                batch.clear();
            }
        }
    }

    private void write(List<Write> batch) throws SQLException {
        try {
            write(batch, "INSERT INTO alert VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        } catch (java.sql.BatchUpdateException duplicate) {
            // The fleet remembers the last 200,000 alert ids; a replay of an older one is already stored. A
            // plain INSERT is the cheap common case; this rare batch is written again, skipping stored alerts
            // (an upsert would also erase the analyst's acknowledgement of them).
            LOG.log(Level.DEBUG, "event=history_replay detail=\"{0}\"", duplicate.getMessage());
            write(batch, "INSERT INTO alert SELECT * FROM (VALUES (?, ?, ?, ?, CAST(? AS BIGINT), CAST(? AS BIGINT), ?, ?)) v "
                    + "WHERE NOT EXISTS (SELECT 1 FROM alert a WHERE a.site = v.C1 AND a.host = v.C2 AND a.id = v.C3)");
        }
        boolean checkpointed = false;
        for (Write w : batch) {
            if (w instanceof Flush f) {
                f.done().countDown();
            } else if (w instanceof Durable d) {
                if (!checkpointed) {
                    checkpoint();
                    checkpointed = true;
                }
                runStored(d.then());
            }
        }
    }

    private void write(List<Write> batch, String insert) throws SQLException {
        synchronized (db) {
            db.setAutoCommit(false);
            try (PreparedStatement ins = db.prepareStatement(insert);
                 PreparedStatement ack = db.prepareStatement(
                         "UPDATE alert SET acknowledged_at = ? WHERE site = ? AND host = ? AND id = ?")) {
                for (Write w : batch) {
                    switch (w) {
                        case Insert i -> {
                            for (AlertEntry e : i.entries()) {
                                Alert a = e.alert();
                                ins.setString(1, a.site());
                                ins.setString(2, a.host());
                                ins.setString(3, a.id());
                                ins.setString(4, e.broker());
                                ins.setLong(5, e.receivedAt());
                                ins.setObject(6, e.acknowledgedAt());
                                ins.setString(7, a.severity().wire());
                                ins.setString(8, json.writeValueAsString(a));
                                ins.addBatch();
                            }
                        }
                        case Ack k -> {
                            for (AlertEntry e : k.entries()) {
                                ack.setLong(1, e.acknowledgedAt());
                                ack.setString(2, e.alert().site());
                                ack.setString(3, e.alert().host());
                                ack.setString(4, e.alert().id());
                                ack.addBatch();
                            }
                        }
                        case Flush f -> {
                            // Counted down after the commit below.
                        }
                        case Durable d -> {
                            // Run after the commit and a checkpoint, below.
                        }
                    }
                }
                ins.executeBatch();
                ack.executeBatch();
                db.commit();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                db.rollback();
                throw new SQLException("cannot encode alert: " + e.getMessage(), e);
            } catch (SQLException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        }
    }

    /** A durable request's callback: its failure is its own, not a failed write of the batch it came with. */
    private static void runStored(Runnable then) {
        try {
            then.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "event=history_durable_callback_failed detail=\"{0}\"", e.toString());
        }
    }

    private void checkpoint() throws SQLException {
        synchronized (db) {
            try (Statement s = db.createStatement()) {
                s.execute("CHECKPOINT");
            }
        }
    }

    @Override
    public void close() {
        try {
            flush(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (db) {
            try {
                db.close();
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "event=history_close_failed detail=\"{0}\"", e.getMessage());
            }
        }
    }
}
