package io.xdpguard.console.store;

import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.model.AlertReceipts;
import io.xdpguard.console.sched.Background;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.Decoded;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

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
 * confirm that in order: {@code FleetPipeline#durable}, {@link AlertHistory#durable}). If any alert was given up on
 * the way meanwhile (a full queue, a failed write), the segments stay for the next start instead. One console per
 * data directory, like the history: a second one finds the lock taken and keeps no log.
 */
public final class ReceiveLog implements AlertReceipts, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ReceiveLog.class.getName());
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".log";
    /**
     * What this run keeps on disk at most, closed segments waiting for the history included: past it, alerts are
     * handed on without being logged (a history that cannot store for a long time). About a million alerts.
     */
    private static final long MAX_LOG_BYTES = 1L << 30;
    private static final int REPLAY_BATCH = 1_000;

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    // Guarded by itself: the segments an earlier run left, until they are replayed.
    private final List<Path> recovered;
    // Guarded by this: the segment appended to; this run's closed segments not deleted yet, and their sizes.
    private FileChannel current;
    private long currentNumber;
    private long currentBytes;
    private boolean broken;
    private boolean capWarned;
    private final TreeMap<Long, Long> closedSizes = new TreeMap<>();
    private long closedBytes;
    // Guarded by this: segments up to this number stay for the next start; the losses seen when it was set.
    private long keepUpTo;
    private long lossesSeen;
    private LongSupplier losses = () -> 0;
    private Thread trimmer;
    private volatile boolean closed;

    private ReceiveLog(Path dir, FileChannel lockChannel, FileLock lock, List<Path> recovered, long next)
            throws IOException {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.recovered = new ArrayList<>(recovered);
        this.currentNumber = next;
        this.current = openSegment(next);
    }

    /**
     * Opens the log in {@code dataDir}/received and starts a new segment; the segments an earlier run left wait for
     * {@link #replayInto}. Empty if another console holds it (it keeps its own log) or it cannot be opened (logged).
     */
    public static Optional<ReceiveLog> open(Path dataDir) {
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

    /**
     * Appends, then hands the alert on, both under this log's lock: a segment closed between the two would be
     * confirmed stored before its alert reached the fleet thread, and deleted too soon.
     */
    @Override
    public synchronized void received(String broker, long receivedAt, String topic, byte[] payload,
                                      Runnable handOff) {
        append(broker, receivedAt, topic, payload);
        handOff.run();
    }

    private void append(String broker, long receivedAt, String topic, byte[] payload) {
        if (current == null || broken) {
            return;
        }
        try {
            ByteBuffer record = SegmentFormat.encode(broker, receivedAt, topic, payload);
            if (closedBytes + currentBytes + record.remaining() > MAX_LOG_BYTES) {
                if (!capWarned) {
                    capWarned = true;
                    LOG.log(Level.WARNING, "event=receive_log_full bytes={0} detail=\"the history is not storing; "
                            + "alerts go on unlogged\"", closedBytes + currentBytes);
                }
                return;
            }
            capWarned = false;
            while (record.hasRemaining()) {
                currentBytes += current.write(record);
            }
        } catch (IOException | RuntimeException e) {
            // The alert still goes on to the history; only its crash-safety is lost until the next segment.
            LOG.log(Level.ERROR, "event=receive_log_write_failed segment={0} detail=\"{1}\"", currentNumber,
                    e.toString());
            broken = true;
        }
    }

    /**
     * Stores the alerts an earlier run left here in {@code history} (it skips those it already has), one segment
     * at a time: each is deleted once its alerts are on disk there. A segment not stored within {@code timeout}
     * stays, with those after it, for the next start. Returns how many alerts were read.
     */
    public int replayInto(AlertHistory history, Codec codec, Duration timeout) throws InterruptedException {
        // Not under this log's lock, which every append takes: a retried history opening may run it again.
        synchronized (recovered) {
            int read = 0;
            while (!recovered.isEmpty()) {
                Path segment = recovered.getFirst();
                List<AlertEntry> entries = new ArrayList<>();
                for (SegmentFormat.Received r : SegmentFormat.read(segment)) {
                    if (codec.decode(r.topic(), r.payload()) instanceof Decoded.Accepted a
                            && a.message() instanceof Alert alert) {
                        entries.add(new AlertEntry(alert, r.broker(), r.receivedAt(), null));
                    }
                }
                for (int from = 0; from < entries.size(); from += REPLAY_BATCH) {
                    history.recorded(List.copyOf(entries.subList(from, Math.min(entries.size(), from + REPLAY_BATCH))));
                }
                read += entries.size();
                CountDownLatch stored = new CountDownLatch(1);
                history.durable(stored::countDown);
                if (!stored.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.log(Level.WARNING, "event=receive_log_replay_slow segment={0} detail=\"kept for the next "
                            + "start\"", segment.getFileName());
                    return read;
                }
                delete(segment);
                recovered.removeFirst();
            }
            return read;
        }
    }

    /**
     * Every {@code every}, closes the segment being written (if it holds anything) and asks {@code durable} to run
     * the deletion of it, and of those closed before, once everything received so far is on disk in the history.
     * {@code losses} counts the alerts given up on the way (only grows): when it has grown, nothing is deleted up to
     * the segment then being written, so that the next start stores what was given up.
     */
    public synchronized void trimEvery(Duration every, Consumer<Runnable> durable, LongSupplier losses) {
        this.losses = losses;
        this.lossesSeen = losses.getAsLong();
        trimmer = Background.thread("xg-receive-log", Background.STORAGE, () -> {
            while (!closed) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    long closedUpTo = rotate();
                    if (closedUpTo > 0) {
                        durable.accept(() -> stored(closedUpTo));
                    }
                } catch (RuntimeException e) {
                    // Segments then wait for the next turn, or the next start; the log goes on.
                    LOG.log(Level.ERROR, "event=receive_log_trim_failed detail=\"{0}\"", e.toString());
                }
            }
        });
        trimmer.start();
    }

    /** Closes the current segment and starts the next; the number closed, or 0 if it was empty. */
    synchronized long rotate() {
        if (current == null || (currentBytes == 0 && !broken)) {
            return 0;
        }
        try {
            FileChannel next = openSegment(currentNumber + 1);
            closeQuietly(current);
            current = next;
            closedSizes.put(currentNumber, currentBytes);
            closedBytes += currentBytes;
            currentBytes = 0;
            broken = false;
            return currentNumber++;
        } catch (IOException e) {
            LOG.log(Level.ERROR, "event=receive_log_rotate_failed segment={0} detail=\"{1}\"", currentNumber,
                    e.getMessage());
            return 0;
        }
    }

    /** Everything in the segments up to {@code last} is on disk in the history: they go, unless alerts were lost. */
    void stored(long last) {
        List<Long> deletable;
        synchronized (this) {
            long lost = losses.getAsLong();
            if (lost != lossesSeen) {
                lossesSeen = lost;
                keepUpTo = Math.max(keepUpTo, currentNumber);
                LOG.log(Level.WARNING, "event=receive_log_kept up_to_segment={0} detail=\"alerts were given up after "
                        + "they were logged; the next start stores them\"", keepUpTo);
            }
            deletable = last <= keepUpTo ? List.of()
                    : new ArrayList<>(closedSizes.subMap(keepUpTo, false, last, true).keySet());
            for (Long n : deletable) {
                closedBytes -= closedSizes.remove(n);
            }
        }
        for (Long n : deletable) {
            delete(dir.resolve(PREFIX + n + SUFFIX));
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

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(ReceiveLog::isSegment).sorted(Comparator.comparingLong(ReceiveLog::number)).toList();
        }
    }

    /** {@code segment-N.log}, N a number that fits a long (18 digits at most). */
    private static boolean isSegment(Path p) {
        String name = p.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
            return false;
        }
        String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
        return !digits.isEmpty() && digits.length() <= 18 && digits.chars().allMatch(c -> c >= '0' && c <= '9');
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
