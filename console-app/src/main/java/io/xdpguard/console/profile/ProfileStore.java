package io.xdpguard.console.profile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.xdpguard.console.disk.ReplaceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Connection profiles in {@code profiles.json} (no secrets), written atomically so a crash mid-save never
 * loses the analyst's profiles; their secrets go to the {@link SecretVault} (desktop keyring or file).
 * Thread-safe.
 */
public final class ProfileStore {
    private static final String NOT_READY = "the profiles' secrets are not available yet: the desktop keyring is still "
            + "being checked";

    private final Path dir;
    private final Path file;
    private final ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    // Null until openSecrets: the console opens the vault on a start-up thread (a keyring probe can take seconds).
    private volatile SecretVault vault;
    // Why the vault could not be opened, if it could not: saving then says that, not "still being checked".
    private volatile String openFailure;

    /** Profiles and their secrets at once: opens the vault here (tools and tests). */
    public ProfileStore(Path dir) {
        this(dir, SecretVault::open);
    }

    private ProfileStore(Path dir, SecretVault.Opener openNow) {
        this.dir = dir;
        this.file = dir.resolve("profiles.json");
        if (openNow != null) {
            openSecrets(openNow);
        }
    }

    /** Profiles now, their secrets once {@link #openSecrets} has run (off the FX thread). */
    public static ProfileStore secretsLater(Path dir) {
        return new ProfileStore(dir, null);
    }

    /** Opens the vault (keyring or file); until then reading or saving secrets fails with a clear message. */
    public void openSecrets(SecretVault.Opener opener) {
        try {
            vault = opener.open(dir, this::profileNames);
        } catch (RuntimeException e) {
            openFailure = e.getMessage() != null ? e.getMessage() : e.toString();
            throw e;
        }
    }

    public synchronized List<ConnectionProfile> load() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return List.copyOf(mapper.readValue(file.toFile(), new TypeReference<List<ConnectionProfile>>() {
            }));
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot read connection profiles from " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the profile, then its secrets. If the secrets cannot be stored (a locked or failing keyring),
     * profiles.json is put back as it was, so that the saved profiles do not show a change that was refused.
     */
    public synchronized void save(ConnectionProfile profile, ProfileSecrets secrets) throws IOException {
        change(profile.name(), profile, v -> v.write(profile.name(), secrets));
    }

    /** Removes the profile, then its secrets; as in {@link #save}, a refused secret removal leaves the profile. */
    public synchronized void remove(String name) throws IOException {
        change(name, null, v -> v.remove(name));
    }

    private interface VaultStep {
        void run(SecretVault vault) throws IOException;
    }

    /** profiles.json without {@code name} (and with {@code replacement}, if any), then the vault's step. */
    private void change(String name, ConnectionProfile replacement, VaultStep step) throws IOException {
        SecretVault v = vault();
        List<ConnectionProfile> before = load();
        List<ConnectionProfile> all = new ArrayList<>(before);
        all.removeIf(p -> p.name().equals(name));
        if (replacement != null) {
            all.add(replacement);
        }
        write(all);
        try {
            step.run(v);
        } catch (IOException | RuntimeException e) {
            putBack(before, e);
            throw e;
        }
    }

    public ProfileSecrets secrets(String name) throws IOException {
        return vault().read(name);
    }

    public Path file() {
        return file;
    }

    /**
     * Where secrets are kept this run: {@code keyring} (desktop Secret Service) or {@code file} (secrets.p12);
     * {@code pending} before the vault is open.
     */
    public String secretStore() {
        SecretVault v = vault;
        return v == null ? "pending" : v.kind();
    }

    private SecretVault vault() throws IOException {
        SecretVault v = vault;
        if (v == null) {
            String failure = openFailure;
            throw new IOException(failure == null ? NOT_READY
                    : "the profiles' secrets cannot be stored: opening the secret store failed: " + failure);
        }
        return v;
    }

    private List<String> profileNames() throws IOException {
        return load().stream().map(ConnectionProfile::name).toList();
    }

    private void putBack(List<ConnectionProfile> before, Exception failure) {
        try {
            write(before);
        } catch (IOException undo) {
            failure.addSuppressed(undo);
        }
    }

    private void write(List<ConnectionProfile> all) throws IOException {
        ReplaceFile.write(file, tmp -> mapper.writeValue(tmp.toFile(), all));
    }
}
