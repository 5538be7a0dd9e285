package io.xdpguard.console.store;

import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.model.AlertReceipts;
import io.xdpguard.console.sched.Background;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.Decoded;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Every alert as it came off the wire, appended before the console acknowledges it to its broker, and kept until the
 * history has it on disk. The history writes an alert a fraction of a second to a second after it arrives (it
 * gathers batches; H2 writes commits to its file in the background): a crash or SIGKILL in between used to lose it,
 * since the broker had been told it arrived and forgot it. Now it is in a segment here ({@code
 * received/segment-N.log} in the data directory), and the next start stores it ({@link #replayInto}).
 * <p>
 * Appends go through the page cache without fsync: a crashed process loses nothing, a power cut can lose what the OS
 * had not written yet. Every few seconds the current segment is closed and a new one started; the closed ones are
 * deleted once everything received before is on disk in the history (the fleet pipeline and then the history
 * confirm that in order: {@code FleetPipeline#durable}, {@link AlertHistory#durable}). One console per data
 * directory, like the history: a second one finds the lock taken and keeps no log.
 */
public final class ReceiveLog implements AlertReceipts, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReceiveLog.class.getName());
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".log";
    /** Past this a segment takes no more (the history cannot have been storing): about 500,000 alerts. */
    private static final long MAX_SEGMENT_BYTES = 256L << 20;
    private static final int REPLAY_BATCH = 1_000;

    /** One alert as it was received: replayed through the codec at the next start. */
    public record Received(String broker, long receivedAt, String topic, byte[] payload) {
    }

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<Path> recovered;
    private final long firstNumber;
    // Guarded by this: the segment being appended to, and its number and size.
    private FileChannel current;
    private long currentNumber;
    private long currentBytes;
    private boolean full;
    private Thread trimmer;
    private volatile boolean closed;

    private ReceiveLog(Path dir, FileChannel lockChannel, FileLock lock, List<Path> recovered, long next)
            throws IOException {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.recovered = new ArrayList<>(recovered);
        this.firstNumber = next;
        this.currentNumber = next;
        this.current = openSegment(next);
    }

    /**
     * Opens the log in {@code dataDir}/received and starts a new segment; the segments an earlier run left are
     * {@link #pending}. Empty if another console holds it (it keeps its own log) or it cannot be opened (logged).
     */
    public static java.util.Optional<ReceiveLog> open(Path dataDir) {
        Path dir = dataDir.resolve("received");
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel);
            if (lock == null) {
                lockChannel.close();
                LOG.log(Level.WARNING, "event=receive_log_unavailable dir={0} detail=\"held by another console\"", dir);
                return Optional.empty();
            }
            List<Path> left = segments(dir);
            long next = left.isEmpty() ? 1 : number(left.getLast()) + 1;
            return Optional.of(new ReceiveLog(dir, lockChannel, lock, left, next));
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(lockChannel);
            LOG.log(Level.ERROR, "event=receive_log_unavailable dir={0} detail=\"{1}\"", dir, e.getMessage());
            return Optional.empty();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public synchronized void received(String broker, long receivedAt, String topic, byte[] payload) {
        if (current == null || full) {
            return;
        }
        try {
            ByteBuffer record = encode(broker, receivedAt, topic, payload);
            if (currentBytes + record.remaining() > MAX_SEGMENT_BYTES) {
                full = true;
                LOG.log(Level.WARNING, "event=receive_log_full segment={0} detail=\"history not storing\"",
                        currentNumber);
                return;
            }
            while (record.hasRemaining()) {
                currentBytes += current.write(record);
            }
        } catch (IOException e) {
            // The alert still goes on to the history; only its crash-safety is lost. Logged once per segment.
            LOG.log(Level.ERROR, "event=receive_log_write_failed segment={0} detail=\"{1}\"", currentNumber,
                    e.getMessage());
            full = true;
        }
    }

    /**
     * The alerts in the segments an earlier run left, oldest first. A record cut short by a crash, or damaged, ends
     * its segment's reading (logged); what came before it is kept.
     */
    List<Received> pending() {
        List<Received> out = new ArrayList<>();
        for (Path segment : recovered) {
            out.addAll(read(segment));
        }
        return out;
    }

    /** One segment's records, up to the first one cut short or damaged (logged). */
    static List<Received> read(Path segment) {
        List<Received> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(segment)))) {
            readAll(in, out, segment);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=receive_log_unreadable segment={0} detail=\"{1}\"", segment, e.getMessage());
        }
        return out;
    }

    /**
     * Stores the alerts an earlier run left here in {@code history} (it skips those it already has), waits until
     * they are on disk there, then deletes their segments; if that takes longer than {@code timeout} they stay for
     * the next start. Returns how many alerts were read.
     */
    public int replayInto(AlertHistory history, Codec codec, Duration timeout) throws InterruptedException {
        // Not under this log's lock, which every append takes: a retried history opening may run it again.
        synchronized (recovered) {
            return replay(history, codec, timeout);
        }
    }

    private int replay(AlertHistory history, Codec codec, Duration timeout) throws InterruptedException {
        if (recovered.isEmpty()) {
            return 0;
        }
        List<AlertEntry> entries = new ArrayList<>();
        for (Received r : pending()) {
            if (codec.decode(r.topic(), r.payload()) instanceof Decoded.Accepted a
                    && a.message() instanceof Alert alert) {
                entries.add(new AlertEntry(alert, r.broker(), r.receivedAt(), null));
            }
        }
        for (int from = 0; from < entries.size(); from += REPLAY_BATCH) {
            history.recorded(List.copyOf(entries.subList(from, Math.min(entries.size(), from + REPLAY_BATCH))));
        }
        CountDownLatch stored = new CountDownLatch(1);
        history.durable(stored::countDown);
        if (!stored.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.log(Level.WARNING, "event=receive_log_replay_slow alerts={0} detail=\"kept for the next start\"",
                    entries.size());
            return entries.size();
        }
        recovered.forEach(ReceiveLog::delete);
        recovered.clear();
        return entries.size();
    }

    /**
     * Every {@code every}, closes the segment being written (if it holds anything) and asks {@code durable} to run
     * the deletion of it, and of those closed before, once everything received so far is on disk in the history.
     */
    public synchronized void trimEvery(Duration every, Consumer<Runnable> durable) {
        trimmer = Background.thread("xg-receive-log", Background.STORAGE, () -> {
            while (!closed) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                long closedUpTo = rotate();
                if (closedUpTo > 0) {
                    durable.accept(() -> deleteUpTo(closedUpTo));
                }
            }
        });
        trimmer.start();
    }

    /** Closes the current segment and starts the next; the number closed, or 0 if it was empty. */
    synchronized long rotate() {
        if (current == null || currentBytes == 0) {
            return 0;
        }
        try {
            FileChannel next = openSegment(currentNumber + 1);
            current.close();
            current = next;
            currentBytes = 0;
            full = false;
            return currentNumber++;
        } catch (IOException e) {
            LOG.log(Level.ERROR, "event=receive_log_rotate_failed segment={0} detail=\"{1}\"", currentNumber,
                    e.getMessage());
            return 0;
        }
    }

    /** Deletes the closed segments numbered up to {@code last} (this run's; an earlier run's wait for replay). */
    void deleteUpTo(long last) {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(ReceiveLog::isSegment).filter(p -> number(p) >= firstNumber && number(p) <= last)
                    .forEach(ReceiveLog::delete);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=receive_log_trim_failed detail=\"{0}\"", e.getMessage());
        }
    }

    /** The segments in the directory, oldest first (tests). */
    List<Path> segments() throws IOException {
        return segments(dir);
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = trimmer;
            closeQuietly(current);
            current = null;
        }
        if (t != null) {
            t.interrupt();
        }
        try {
            lock.release();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "receive log lock release failed: {0}", e.getMessage());
        }
        closeQuietly(lockChannel);
    }

    private FileChannel openSegment(long n) throws IOException {
        return FileChannel.open(dir.resolve(PREFIX + n + SUFFIX), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** A record: its length and CRC-32, then broker, receive time, topic and payload. */
    private static ByteBuffer encode(String broker, long receivedAt, String topic, byte[] payload) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(payload.length + topic.length() + 64);
        try (DataOutputStream out = new DataOutputStream(body)) {
            out.writeUTF(broker);
            out.writeLong(receivedAt);
            out.writeUTF(topic);
            out.writeInt(payload.length);
            out.write(payload);
        }
        byte[] bytes = body.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return ByteBuffer.allocate(8 + bytes.length).putInt(bytes.length).putInt((int) crc.getValue()).put(bytes)
                .flip();
    }

    private static void readAll(DataInputStream in, List<Received> out, Path segment) throws IOException {
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException end) {
                return;
            }
            try {
                int crc = in.readInt();
                if (length < 0 || length > MAX_SEGMENT_BYTES) {
                    throw new IOException("record length " + length);
                }
                byte[] bytes = in.readNBytes(length);
                if (bytes.length < length) {
                    throw new EOFException("record cut short");
                }
                CRC32 check = new CRC32();
                check.update(bytes);
                if ((int) check.getValue() != crc) {
                    throw new IOException("checksum mismatch");
                }
                out.add(decode(new DataInputStream(new java.io.ByteArrayInputStream(bytes))));
            } catch (IOException bad) {
                LOG.log(Level.WARNING, "event=receive_log_tail_dropped segment={0} detail=\"{1}\"",
                        segment.getFileName(), bad.getMessage());
                return;
            }
        }
    }

    private static Received decode(DataInputStream in) throws IOException {
        String broker = in.readUTF();
        long at = in.readLong();
        String topic = in.readUTF();
        byte[] payload = in.readNBytes(in.readInt());
        return new Received(broker, at, topic, payload);
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(ReceiveLog::isSegment).sorted(java.util.Comparator.comparingLong(ReceiveLog::number))
                    .toList();
        }
    }

    private static boolean isSegment(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX)
                && name.substring(PREFIX.length(), name.length() - SUFFIX.length()).chars().allMatch(Character::isDigit)
                && name.length() > PREFIX.length() + SUFFIX.length();
    }

    private static long number(Path p) {
        String name = p.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=receive_log_delete_failed segment={0} detail=\"{1}\"", p, e.getMessage());
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "receive log close failed: {0}", e.getMessage());
        }
    }
}
