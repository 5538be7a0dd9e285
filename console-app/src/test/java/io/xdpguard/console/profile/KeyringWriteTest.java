package io.xdpguard.console.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A profile's two secrets go to the keyring as two items: when the second is refused, the save fails and the
 * first is as it was, so the analyst's saved password never changes behind a failed save.
 */
class KeyringWriteTest {
    private final Items items = new Items();
    private final KeyringSecretStore keyring = new KeyringSecretStore(items, Path.of("/config"));

    @Test
    void aRefusedKeyPasswordLeavesThePasswordAsItWas() throws IOException {
        keyring.write("lab", new ProfileSecrets("old password", "old key password"));
        items.refuse = "key-password";

        assertThatThrownBy(() -> keyring.write("lab", new ProfileSecrets("new password", "new key password")))
                .isInstanceOf(IOException.class).hasMessageContaining("locked");
        assertThat(keyring.read("lab")).isEqualTo(new ProfileSecrets("old password", "old key password"));
    }

    @Test
    void aNewProfileWhoseKeyPasswordIsRefusedLeavesNothingBehind() {
        items.refuse = "key-password";

        assertThatThrownBy(() -> keyring.write("new", new ProfileSecrets("password", "key password")))
                .isInstanceOf(IOException.class);
        assertThat(items.stored).isEmpty();
    }

    @Test
    void bothSecretsAreStoredWhenTheKeyringTakesThem() throws IOException {
        keyring.write("lab", new ProfileSecrets("password", "key password"));
        assertThat(keyring.read("lab")).isEqualTo(new ProfileSecrets("password", "key password"));
        assertThat(items.stored).hasSize(2);
    }

    /** A keyring in memory that refuses to store items of one kind, as a keyring locked meanwhile would. */
    private static final class Items implements SecretItems {
        final Map<Map<String, String>, String> stored = new HashMap<>();
        String refuse;

        @Override
        public void store(Map<String, String> attributes, String label, String password) throws IOException {
            if (attributes.get("kind").equals(refuse)) {
                throw new IOException("the keyring is locked");
            }
            stored.put(Map.copyOf(attributes), password);
        }

        @Override
        public String lookup(Map<String, String> attributes) {
            return stored.get(Map.copyOf(attributes));
        }

        @Override
        public boolean clear(Map<String, String> attributes) {
            return stored.keySet().removeIf(k -> k.entrySet().containsAll(attributes.entrySet()));
        }

        @Override
        public boolean hasCollection(String alias) {
            return true;
        }
    }
}
