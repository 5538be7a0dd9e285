package io.xdpguard.console.mqtt;

import io.xdpguard.console.profile.ConnectionProfile;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whether this console keeps a session on its brokers, and under which name. With one, a broker queues the QoS-1
 * alerts published while the console is closed or reconnecting and delivers them when it is back: the analyst who
 * opens the console in the morning sees the night's alerts. The name is this installation's, made once and kept
 * in the configuration folder ({@value #FILE}); the client id is {@code xg-console-{profile}-{name}}.
 *
 * <p>Two consoles on one configuration (the same user, twice) would share those client ids, and each connection
 * would throw the other's off the broker in turn. So the console that comes first holds a lock on the name for as
 * long as it runs; a second one connects as before this existed, with a random client id and no session.
 */
public final class BrokerSession implements AutoCloseable {
    static final String FILE = "console-id";
    /** How long a broker keeps a closed console's session and its queued alerts. */
    static final Duration EXPIRY = Duration.ofDays(7);
    private static final System.Logger LOG = System.getLogger(BrokerSession.class.getName());

    private final Path configDir;
    private Optional<String> name;
    private FileChannel lockFile;
    private FileLock lock;

    /** Nothing is read until the first connection asks ({@link #name}). */
    public BrokerSession(Path configDir) {
        this.configDir = configDir;
    }

    /**
     * Whether links for {@code after} use the client id, and so the session, that links for {@code before} used: the
     * same profile and site filter (the client id ends in the filter's digest, {@link #siteFilterDigest}). The URL
     * is not part of it: another URL may name the same broker, whose session the new links then keep.
     */
    public static boolean sameSession(ConnectionProfile before, ConnectionProfile after) {
        return before.name().equals(after.name())
                && siteFilterDigest(before.sites()).equals(siteFilterDigest(after.sites()));
    }

    /** The site filter's part of a client id: "all", or a CRC of the sorted sites. */
    static String siteFilterDigest(List<String> sites) {
        if (sites.isEmpty()) {
            return "all";
        }
        var crc = new java.util.zip.CRC32();
        crc.update(String.join("/", new TreeSet<>(sites)).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    /** No session: each connection a fresh random client id, as the start-up warm-up's. */
    public static BrokerSession none() {
        BrokerSession s = new BrokerSession(null);
        s.name = Optional.empty();
        return s;
    }

    /** This installation's name, if this console holds it; empty for a connection without a session. */
    synchronized Optional<String> name() {
        if (name == null) {
            name = claim();
        }
        return name;
    }

    private Optional<String> claim() {
        try {
            Files.createDirectories(configDir);
            lockFile = FileChannel.open(configDir.resolve(FILE + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                lockFile.close();
                lockFile = null;
                LOG.log(Level.WARNING, "event=broker_session kind=none detail=\"another console runs on {0}: this one "
                        + "connects without a session, and alerts raised while it is closed do not wait for it\"",
                        configDir);
                return Optional.empty();
            }
            Path file = configDir.resolve(FILE);
            // Decoded leniently: a damaged file is made again below, not a reason to go without a session.
            String id = Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip() : "";
            if (!id.matches("[0-9a-f]{8,32}")) {
                id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
                Files.writeString(file, id + "\n", StandardCharsets.US_ASCII);
            }
            LOG.log(Level.INFO, "event=broker_session kind=kept name={0} expiry_days={1}", id, EXPIRY.toDays());
            return Optional.of(id);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=broker_session kind=none detail=\"{0}\"", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockFile != null) {
                lockFile.close();
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "event=broker_session_unlock_failed detail=\"{0}\"", e.toString());
        }
        lock = null;
        lockFile = null;
    }
}
