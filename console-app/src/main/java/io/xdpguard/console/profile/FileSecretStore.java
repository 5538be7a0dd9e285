package io.xdpguard.console.profile;

import io.xdpguard.console.disk.ReplaceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fallback where no desktop keyring answers: profile secrets in a PKCS#12 keystore ({@code secrets.p12})
 * beside the profiles, never in the profiles' JSON. The keystore password is a random key in
 * {@code secrets.key}; both files are created owner-only (0600). This keeps passwords out of plain-text
 * config, backups and screen shares; it does not stop someone who can read the user's files (see README).
 * PKCS#12 lower-cases aliases, so profile names differing only in case share their secrets here. Thread-safe.
 */
final class FileSecretStore implements SecretBackend {
    private static final String PASSWORD = ".password";
    private static final String KEY_PASSWORD = ".key-password";
    private final Path store;
    private final Path keyFile;

    FileSecretStore(Path dir) {
        this.store = dir.resolve("secrets.p12");
        this.keyFile = dir.resolve("secrets.key");
    }

    synchronized boolean exists() {
        return Files.exists(store);
    }

    /** Names of the profiles with a secret here, lower-cased as PKCS#12 keeps them. */
    synchronized Set<String> storedProfiles() throws IOException {
        if (!Files.exists(store)) {
            return Set.of();
        }
        Set<String> names = new TreeSet<>();
        try {
            for (String alias : Collections.list(load().aliases())) {
                for (String suffix : List.of(PASSWORD, KEY_PASSWORD)) {
                    if (alias.endsWith(suffix)) {
                        names.add(alias.substring(0, alias.length() - suffix.length()));
                    }
                }
            }
        } catch (GeneralSecurityException ex) {
            throw new IOException("cannot list " + store + ": " + ex.getMessage(), ex);
        }
        return names;
    }

    /** Deletes the keystore and its key file (after their secrets moved to the keyring). */
    synchronized void delete() throws IOException {
        Files.deleteIfExists(store);
        Files.deleteIfExists(keyFile);
    }

    @Override
    public synchronized ProfileSecrets read(String profile) throws IOException {
        if (!Files.exists(store)) {
            return ProfileSecrets.NONE;
        }
        KeyStore ks = load();
        return new ProfileSecrets(get(ks, profile + PASSWORD), get(ks, profile + KEY_PASSWORD));
    }

    @Override
    public synchronized void write(String profile, ProfileSecrets secrets) throws IOException {
        KeyStore ks = load();
        put(ks, profile + PASSWORD, secrets.password());
        put(ks, profile + KEY_PASSWORD, secrets.keyPassword());
        save(ks);
    }

    @Override
    public synchronized void remove(String profile) throws IOException {
        write(profile, ProfileSecrets.NONE);
    }

    private String get(KeyStore ks, String alias) throws IOException {
        try {
            KeyStore.Entry e = ks.getEntry(alias, new KeyStore.PasswordProtection(password()));
            return e instanceof KeyStore.SecretKeyEntry s
                    ? new String(s.getSecretKey().getEncoded(), StandardCharsets.UTF_8) : null;
        } catch (GeneralSecurityException ex) {
            throw new IOException("cannot read secret " + alias + " from " + store + ": " + ex.getMessage(), ex);
        }
    }

    private void put(KeyStore ks, String alias, String value) throws IOException {
        try {
            if (value == null || value.isEmpty()) {
                if (ks.containsAlias(alias)) {
                    ks.deleteEntry(alias);
                }
                return;
            }
            ks.setEntry(alias, new KeyStore.SecretKeyEntry(
                    new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), "AES")),
                    new KeyStore.PasswordProtection(password()));
        } catch (GeneralSecurityException ex) {
            throw new IOException("cannot store secret " + alias + ": " + ex.getMessage(), ex);
        }
    }

    private KeyStore load() throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            if (Files.exists(store)) {
                try (InputStream in = Files.newInputStream(store)) {
                    ks.load(in, password());
                }
            } else {
                ks.load(null, null);
            }
            return ks;
        } catch (GeneralSecurityException ex) {
            throw new IOException("cannot open " + store + ": " + ex.getMessage(), ex);
        }
    }

    private void save(KeyStore ks) throws IOException {
        char[] password = password();
        ReplaceFile.write(store, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            } catch (GeneralSecurityException ex) {
                throw new IOException("cannot write " + store + ": " + ex.getMessage(), ex);
            }
        });
    }

    private char[] password() throws IOException {
        if (!Files.exists(keyFile)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Files.writeString(ownerOnly(keyFile), HexFormat.of().formatHex(random));
        }
        return Files.readString(keyFile).strip().toCharArray();
    }

    private static Path ownerOnly(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
        }
        return file;
    }
}
