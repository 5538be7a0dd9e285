package io.xdpguard.console.profile;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where profile secrets live, chosen once when the console starts: the desktop keyring (Secret Service via
 * libsecret, {@link KeyringSecretStore}) when libsecret links and a service answers, otherwise the PKCS#12
 * file ({@link FileSecretStore}). Secrets still in the file move into the keyring the first time one is
 * available, and the file is deleted. The choice and its reason are logged as one
 * {@code event=secret_store} line. Thread-safe.
 */
public final class SecretVault {
    private static final System.Logger LOG = System.getLogger(SecretVault.class.getName());
    /**
     * Saved profiles connect only once the vault is open (on a start-up thread, the window is already up): a
     * Secret Service that never answers must not keep them waiting for D-Bus's own 25 s timeout.
     */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    /** The names of the saved profiles, asked only when secrets have to move from the file to the keyring. */
    @FunctionalInterface
    public interface ProfileNames {
        Collection<String> list() throws IOException;
    }

    /** How the console opens its vault; {@link #open} in production, something slower in start-up tests. */
    @FunctionalInterface
    public interface Opener {
        SecretVault open(Path dir, ProfileNames profileNames);
    }

    private final SecretBackend backend;
    private final String kind;

    private SecretVault(SecretBackend backend, String kind) {
        this.backend = backend;
        this.kind = kind;
    }

    /** Picks the keyring or the file for the config dir {@code dir}, moving file secrets into a keyring. */
    public static SecretVault open(Path dir, ProfileNames profileNames) {
        FileSecretStore file = new FileSecretStore(dir);
        KeyringSecretStore keyring;
        try {
            keyring = KeyringSecretStore.link(dir);
        } catch (RuntimeException | LinkageError e) {
            // Missing library or symbol (IllegalArgumentException, NoSuchElementException) or native access
            // denied (IllegalCallerException: the JVM option is --enable-native-access=io.xdpguard.console).
            return chosen(Level.INFO, file, "file", Libsecret.LIBRARY + " not usable: " + e);
        }
        try {
            probe(keyring);
        } catch (IOException e) {
            return chosen(Level.INFO, file, "file", "no usable Secret Service: " + e.getMessage());
        }
        if (!file.exists()) {
            return chosen(Level.INFO, keyring, "keyring", "Secret Service answers");
        }
        try {
            int moved = moveIntoKeyring(file, keyring, profileNames);
            return chosen(Level.INFO, keyring, "keyring", "Secret Service answers; moved the secrets of " + moved
                    + " profile(s) from secrets.p12 into it and deleted secrets.p12 and secrets.key");
        } catch (IOException | RuntimeException e) {
            return chosen(Level.WARNING, file, "file", "Secret Service answers but moving secrets.p12 into it failed,"
                    + " the file stays in use: " + e.getMessage());
        }
    }

    /**
     * A vault over a backend of the caller's choosing, e.g. one that holds a call back the way a hung D-Bus
     * would: tests use it to show that the console keeps working meanwhile. {@code kind} as in {@link #kind()}.
     */
    public static SecretVault over(SecretBackend backend, String kind) {
        return new SecretVault(backend, kind);
    }

    public synchronized ProfileSecrets read(String profile) throws IOException {
        return backend.read(profile);
    }

    /** Stores both secrets of a profile; a null or empty one is removed. */
    public synchronized void write(String profile, ProfileSecrets secrets) throws IOException {
        backend.write(profile, secrets);
    }

    public synchronized void remove(String profile) throws IOException {
        backend.remove(profile);
    }

    /** {@code keyring} or {@code file}. */
    public String kind() {
        return kind;
    }

    private static SecretVault chosen(Level level, SecretBackend backend, String kind, String detail) {
        LOG.log(level, "event=secret_store kind={0} detail=\"{1}\"", kind, detail.replace('"', '\''));
        return new SecretVault(backend, kind);
    }

    /** One lookup on its own thread, so a hung D-Bus call cannot hold the caller past {@link #PROBE_TIMEOUT}. */
    private static void probe(KeyringSecretStore keyring) throws IOException {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("xg-keyring-probe").start(() -> {
            try {
                keyring.probe();
                answered.complete(null);
            } catch (Throwable t) {
                answered.completeExceptionally(t);
            }
        });
        try {
            answered.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer within " + PROBE_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking the Secret Service");
        }
    }

    /**
     * Copies every profile's file secrets into the keyring, then deletes the file. PKCS#12 lower-cases its
     * aliases, so each is matched to the saved profiles case-insensitively (a secret of no saved profile keeps
     * the lower-cased name). If a copy fails, those already made are removed and the file stays the one copy.
     */
    private static int moveIntoKeyring(FileSecretStore file, KeyringSecretStore keyring, ProfileNames profileNames)
            throws IOException {
        Collection<String> profiles = profileNames.list();
        Map<String, ProfileSecrets> moves = new LinkedHashMap<>();
        for (String stored : file.storedProfiles()) {
            ProfileSecrets secrets = file.read(stored);
            List<String> owners = profiles.stream().filter(p -> p.toLowerCase(Locale.ROOT).equals(stored)).toList();
            for (String owner : owners.isEmpty() ? List.of(stored) : owners) {
                moves.put(owner, secrets);
            }
        }
        List<String> copied = new ArrayList<>();
        try {
            for (Map.Entry<String, ProfileSecrets> move : moves.entrySet()) {
                keyring.write(move.getKey(), move.getValue());
                copied.add(move.getKey());
            }
        } catch (IOException e) {
            for (String profile : copied) {
                try {
                    keyring.remove(profile);
                } catch (IOException undo) {
                    e.addSuppressed(undo);
                }
            }
            throw e;
        }
        file.delete();
        return moves.size();
    }
}
