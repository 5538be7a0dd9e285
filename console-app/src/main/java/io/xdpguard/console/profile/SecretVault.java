package io.xdpguard.console.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;

/**
 * Profile secrets in a PKCS#12 keystore ({@code secrets.p12}) beside the profiles, never in the profiles'
 * JSON. The keystore password is a random key in {@code secrets.key}; both files are created owner-only
 * (0600). This keeps passwords out of plain-text config, backups and screen shares; it does not stop
 * someone who can read the user's files (see README). Thread-safe.
 */
public final class SecretVault {
    private final Path store;
    private final Path keyFile;

    public SecretVault(Path dir) {
        this.store = dir.resolve("secrets.p12");
        this.keyFile = dir.resolve("secrets.key");
    }

    public synchronized ProfileSecrets read(String profile) throws IOException {
        if (!Files.exists(store)) {
            return ProfileSecrets.NONE;
        }
        KeyStore ks = load();
        return new ProfileSecrets(get(ks, profile + ".password"), get(ks, profile + ".key-password"));
    }

    public synchronized void write(String profile, ProfileSecrets secrets) throws IOException {
        KeyStore ks = load();
        put(ks, profile + ".password", secrets.password());
        put(ks, profile + ".key-password", secrets.keyPassword());
        save(ks);
    }

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
        Path tmp = ownerOnly(store.resolveSibling(store.getFileName() + ".tmp"));
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password());
        } catch (GeneralSecurityException ex) {
            throw new IOException("cannot write " + store + ": " + ex.getMessage(), ex);
        }
        Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
