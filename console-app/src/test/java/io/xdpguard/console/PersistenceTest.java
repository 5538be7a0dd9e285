package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xdpguard.console.export.AlertExport;
import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.console.profile.ProfileStore;
import io.xdpguard.console.profile.SecretBackend;
import io.xdpguard.console.profile.SecretVault;
import io.xdpguard.console.store.AlertHistory;
import io.xdpguard.protocol.Codec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What must outlive the process: alert history (with retention), profiles and their secrets, exports. */
class PersistenceTest {
    @TempDir
    Path dir;
    private final Codec codec = new Codec();


    @Test
    void historySurvivesRestartAndKeepsAcknowledgements() throws Exception {
        long now = System.currentTimeMillis();
        try (AlertHistory h = new AlertHistory(dir, codec.mapper(), Clock.systemUTC(), Duration.ofDays(1), 1_000)) {
            h.recorded(List.of(Messages.storedAlert("a", now - 2), Messages.storedAlert("b", now - 1)));
            h.acknowledged(List.of(Messages.storedAlert("a", now - 2).acknowledge(now)));
            h.flush(Duration.ofSeconds(5));
        }
        try (AlertHistory h = new AlertHistory(dir, codec.mapper(), Clock.systemUTC(), Duration.ofDays(1), 1_000)) {
            List<AlertEntry> back = h.recent(10);
            assertThat(back).extracting(e -> e.alert().id()).containsExactly("a", "b");
            assertThat(back.getFirst().acknowledgedAt()).isEqualTo(now);
            assertThat(back.getFirst().alert()).isEqualTo(Messages.storedAlert("a", now - 2).alert());
        }
    }

    @Test
    void retentionDropsOldAndExcessRows() throws Exception {
        long now = 1_900_000_000_000L;
        Clock clock = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);
        try (AlertHistory h = new AlertHistory(dir, codec.mapper(), clock, Duration.ofDays(1), 3)) {
            h.recorded(List.of(Messages.storedAlert("old", now - Duration.ofDays(2).toMillis()), Messages.storedAlert("1", now - 4), Messages.storedAlert("2", now - 3),
                    Messages.storedAlert("3", now - 2), Messages.storedAlert("4", now - 1)));
            h.flush(Duration.ofSeconds(5));
            h.purge();
            assertThat(h.recent(10)).extracting(e -> e.alert().id()).containsExactly("2", "3", "4");
        }
    }

    @Test
    void profilesPersistWithoutSecretsInTheJson() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        var p = new ConnectionProfile("site-a", "ssl://broker.example:8883", "analyst", "/etc/ca.pem", null, null,
                List.of("fra", "ams"), true);
        store.save(p, new ProfileSecrets("s3cret-pw", null));
        ProfileStore reopened = new ProfileStore(dir);
        assertThat(reopened.load()).containsExactly(p);
        assertThat(reopened.secrets("site-a").password()).isEqualTo("s3cret-pw");
        assertThat(Files.readString(dir.resolve("profiles.json"))).doesNotContain("s3cret-pw");
        assertThat(Files.readAllBytes(dir.resolve("secrets.p12"))).isNotEmpty();
        assertThat(new String(Files.readAllBytes(dir.resolve("secrets.p12")), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("s3cret-pw");
        assertThat(Files.getPosixFilePermissions(dir.resolve("secrets.key")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    @Test
    void aSecretTheVaultRefusesLeavesTheSavedProfilesAsTheyWere() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        var kept = new ConnectionProfile("site-a", "tcp://a.example:1883", null, null, null, null, List.of(), true);
        store.save(kept, new ProfileSecrets("pw-a", null));
        String before = Files.readString(dir.resolve("profiles.json"));

        ProfileStore refusing = ProfileStore.secretsLater(dir);
        refusing.openSecrets((d, names) -> SecretVault.over(new SecretBackend() {
            @Override
            public ProfileSecrets read(String profile) {
                return ProfileSecrets.NONE;
            }

            @Override
            public void write(String profile, ProfileSecrets secrets) throws IOException {
                throw new IOException("the desktop keyring is locked");
            }

            @Override
            public void remove(String profile) throws IOException {
                throw new IOException("the desktop keyring is locked");
            }
        }, "keyring"));
        var changed = new ConnectionProfile("site-a", "tcp://elsewhere.example:1883", null, null, null, null, List.of(),
                true);
        assertThatThrownBy(() -> refusing.save(changed, new ProfileSecrets("pw-new", null)))
                .hasMessageContaining("locked");
        assertThatThrownBy(() -> refusing.save(ConnectionProfile.plain("site-b", "tcp://b.example:1883"),
                ProfileSecrets.NONE)).hasMessageContaining("locked");
        assertThatThrownBy(() -> refusing.remove("site-a")).hasMessageContaining("locked");

        assertThat(Files.readString(dir.resolve("profiles.json"))).isEqualTo(before);
        assertThat(new ProfileStore(dir).load()).containsExactly(kept);
        assertThat(new ProfileStore(dir).secrets("site-a").password()).isEqualTo("pw-a");
    }

    @Test
    void aSecretStoreThatCouldNotBeOpenedIsNamedWhenSaving() throws Exception {
        ProfileStore store = ProfileStore.secretsLater(dir);
        var p = ConnectionProfile.plain("site-a", "tcp://a.example:1883");
        assertThatThrownBy(() -> store.save(p, ProfileSecrets.NONE)).hasMessageContaining("still being checked");
        assertThatThrownBy(() -> store.openSecrets((d, names) -> {
            throw new IllegalStateException("cannot create " + d.resolve("secrets.key") + ": read-only file system");
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.save(p, ProfileSecrets.NONE))
                .hasMessageContaining("opening the secret store failed")
                .hasMessageContaining("read-only file system")
                .hasMessageNotContaining("still being checked");
    }

    @Test
    void badProfileFieldsAreNamed() {
        assertThatThrownBy(() -> ConnectionProfile.plain("a b", "tcp://x:1883")).hasMessageContaining("profile name 'a b'");
        assertThatThrownBy(() -> ConnectionProfile.plain("a", "http://x")).hasMessageContaining("must start with one of");
        assertThatThrownBy(() -> new ConnectionProfile("a", "tcp://x:1", null, null, "/c.pem", null, List.of(), true))
                .hasMessageContaining("needs its key");
        assertThatThrownBy(() -> new ConnectionProfile("a", "tcp://x:1", null, null, null, null, List.of("#"), true))
                .hasMessageContaining("site '#'");
    }

    @Test
    void csvQuotesAndNeutralisesFormulas() throws Exception {
        Path f = dir.resolve("out.csv");
        new AlertExport(codec.mapper()).csv(List.of(Messages.storedAlert("=cmd|'/c calc'!A1", 1_000)), f);
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains(",'=cmd|'/c calc'!A1,");
        assertThat(lines.get(1)).contains("\"198.19.7.9 (10100/s), 198.19.7.10 (40/s)\"");
    }
}
