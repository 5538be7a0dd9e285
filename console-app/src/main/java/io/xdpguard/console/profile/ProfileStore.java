package io.xdpguard.console.profile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Connection profiles in {@code profiles.json} (no secrets), written atomically so a crash mid-save never
 * loses the analyst's profiles; their secrets go to the {@link SecretVault} (desktop keyring or file).
 * Thread-safe.
 */
public final class ProfileStore {
    private final Path file;
    private final SecretVault vault;
    private final ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public ProfileStore(Path dir) {
        this.file = dir.resolve("profiles.json");
        this.vault = SecretVault.open(dir, this::profileNames);
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

    public synchronized void save(ConnectionProfile profile, ProfileSecrets secrets) throws IOException {
        List<ConnectionProfile> all = new ArrayList<>(load());
        all.removeIf(p -> p.name().equals(profile.name()));
        all.add(profile);
        write(all);
        vault.write(profile.name(), secrets);
    }

    public synchronized void remove(String name) throws IOException {
        List<ConnectionProfile> all = new ArrayList<>(load());
        all.removeIf(p -> p.name().equals(name));
        write(all);
        vault.remove(name);
    }

    public ProfileSecrets secrets(String name) throws IOException {
        return vault.read(name);
    }

    public Path file() {
        return file;
    }

    /** Where secrets are kept this run: {@code keyring} (desktop Secret Service) or {@code file} (secrets.p12). */
    public String secretStore() {
        return vault.kind();
    }

    private List<String> profileNames() throws IOException {
        return load().stream().map(ConnectionProfile::name).toList();
    }

    private void write(List<ConnectionProfile> all) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        mapper.writeValue(tmp.toFile(), all);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
