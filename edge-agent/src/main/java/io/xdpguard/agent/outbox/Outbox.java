package io.xdpguard.agent.outbox;

import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.Codec;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A durable journal of alerts the broker has not acknowledged yet. An alert is written and forced to
 * disk before anyone tries to publish it, and leaves only when the broker acknowledged it, so neither a
 * broker outage nor an agent restart loses one; after a restart the rest go out in their original order
 * with their original ids.
 *
 * <p>Journal lines: {@code S <next seq>} (written at compaction), {@code A <alert json>}, {@code K <alert id>}.
 * A torn last line from a crash is skipped. Thread-safe: the detect thread appends, the MQTT thread drains.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = System.getLogger("outbox");
    private static final String JOURNAL = "journal.log";
    private static final int COMPACT_AFTER_ACKS = 1000;

    private final Path dir;
    private final Codec codec;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Deque<Alert> pending = new ArrayDeque<>();
    private FileChannel journal;
    private long nextSeq;
    private int acksSinceCompaction;
    private long writeFailures;

    private Outbox(Path dir, Codec codec) {
        this.dir = dir;
        this.codec = codec;
    }

    /** Opens (creating if needed) the journal in {@code dir} and loads what was not acknowledged. */
    public static Outbox open(Path dir, Codec codec) throws IOException {
        Outbox outbox = new Outbox(dir, codec);
        outbox.recover();
        return outbox;
    }

    private void recover() throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(JOURNAL);
        int torn = 0;
        if (Files.exists(file)) {
            var byId = new java.util.LinkedHashMap<String, Alert>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    if (line.startsWith("S ")) {
                        nextSeq = Math.max(nextSeq, Long.parseLong(line.substring(2).trim()));
                    } else if (line.startsWith("A ")) {
                        Alert alert = codec.mapper().readValue(line.substring(2), Alert.class);
                        byId.putIfAbsent(alert.id(), alert);
                        nextSeq = Math.max(nextSeq, alert.seq() + 1);
                    } else if (line.startsWith("K ")) {
                        byId.remove(line.substring(2).trim());
                    } else if (!line.isBlank()) {
                        torn++;
                    }
                } catch (IOException | RuntimeException e) {
                    torn++;
                }
            }
            pending.addAll(byId.values());
        }
        if (torn > 0) {
            LOG.log(Level.WARNING, "outbox skipped unreadable journal lines count={0} file={1}", torn, file);
        }
        compact();
        if (!pending.isEmpty()) {
            LOG.log(Level.INFO, "outbox replaying unacknowledged alerts count={0}", pending.size());
        }
    }

    /** The sequence number for the next alert; never repeats for this journal. */
    public long nextSeq() {
        lock.lock();
        try {
            return nextSeq++;
        } finally {
            lock.unlock();
        }
    }

    /** Journals the alert durably, then queues it for publishing. */
    public void append(Alert alert) {
        lock.lock();
        try {
            nextSeq = Math.max(nextSeq, alert.seq() + 1);
            write("A " + codec.encodeToString(alert));
            pending.addLast(alert);
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest unacknowledged alert, waiting up to the timeout for one; null when none came. */
    public Alert peek(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(timeout);
            while (pending.isEmpty() && nanos > 0) {
                nanos = notEmpty.awaitNanos(nanos);
            }
            return pending.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Records the broker's acknowledgement of the oldest alert; it will not be sent again. */
    public void acknowledge(Alert alert) {
        lock.lock();
        try {
            if (pending.peekFirst() != null && pending.peekFirst().id().equals(alert.id())) {
                pending.removeFirst();
            } else {
                pending.removeIf(a -> a.id().equals(alert.id()));
            }
            write("K " + alert.id());
            if (++acksSinceCompaction >= COMPACT_AFTER_ACKS) {
                compact();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "outbox compaction failed, journal keeps growing: {0}", e.toString());
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    public List<Alert> snapshot() {
        lock.lock();
        try {
            return new ArrayList<>(pending);
        } finally {
            lock.unlock();
        }
    }

    /** Journal writes that failed (disk full, I/O error); those alerts are still published from memory. */
    public long writeFailures() {
        lock.lock();
        try {
            return writeFailures;
        } finally {
            lock.unlock();
        }
    }

    private void write(String line) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                journal.write(bytes);
            }
            journal.force(false);
        } catch (IOException e) {
            writeFailures++;
            LOG.log(Level.ERROR, "outbox journal write failed, alert kept in memory only: {0}", e.toString());
        }
    }

    /** Rewrites the journal with only what is pending, atomically. */
    private void compact() throws IOException {
        Path tmp = dir.resolve(JOURNAL + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder text = new StringBuilder("S ").append(nextSeq).append('\n');
            for (Alert alert : pending) {
                text.append("A ").append(codec.encodeToString(alert)).append('\n');
            }
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        if (journal != null) {
            journal.close();
        }
        try {
            Files.move(tmp, dir.resolve(JOURNAL), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(JOURNAL), StandardCopyOption.REPLACE_EXISTING);
        }
        journal = FileChannel.open(dir.resolve(JOURNAL), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        acksSinceCompaction = 0;
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (journal != null && journal.isOpen()) {
                journal.force(true);
                journal.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
