package io.xdpguard.console.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Profile secrets in the desktop keyring: the freedesktop Secret Service (GNOME Keyring, KWallet) through
 * libsecret. One item per secret, found by the attributes {@code application=xdpguard-console},
 * {@code config=<config dir>}, {@code profile=<name>}, {@code kind=password|key-password}. The config dir
 * is part of the key because profile names are only unique within one config dir (--config-dir).
 * Thread-safe: libsecret's sync calls may come from any thread.
 */
final class KeyringSecretStore implements SecretBackend {
    static final String SCHEMA = "io.xdpguard.console.ProfileSecret";
    static final String APPLICATION = "xdpguard-console";
    private static final String PASSWORD = "password";
    private static final String KEY_PASSWORD = "key-password";
    private static final String PROBE = "probe";

    private final SecretItems libsecret;
    private final String configDir;

    KeyringSecretStore(SecretItems libsecret, Path configDir) {
        this.libsecret = libsecret;
        this.configDir = configDir.toAbsolutePath().normalize().toString();
    }

    /** Links libsecret; throws (IllegalArgumentException, IllegalCallerException, …) when it cannot. */
    static KeyringSecretStore link(Path configDir) {
        return new KeyringSecretStore(Libsecret.load(SCHEMA, List.of("application", "config", "profile", "kind")),
                configDir);
    }

    /**
     * Asks the Secret Service for an item that never exists: answers (with nothing) when a service runs or can
     * be activated, fails when there is no session bus or no service. Then checks that there is a default
     * collection to store into: without one, the first store would wait on a prompt to create a keyring
     * (e.g. a service D-Bus-activated outside a desktop login). Neither call prompts.
     */
    void probe() throws IOException {
        libsecret.lookup(Map.of("application", APPLICATION, "kind", PROBE));
        if (!libsecret.hasCollection("default")) {
            throw new IOException("the Secret Service has no default collection (keyring) to store into");
        }
    }

    @Override
    public ProfileSecrets read(String profile) throws IOException {
        return new ProfileSecrets(libsecret.lookup(item(profile, PASSWORD)), libsecret.lookup(item(profile, KEY_PASSWORD)));
    }

    /**
     * Both secrets or neither: if the second is refused (the keyring locked meanwhile, the service gone), the
     * first is put back as it was, so that a save reported as failed has not changed the profile's password.
     */
    @Override
    public void write(String profile, ProfileSecrets secrets) throws IOException {
        String before = libsecret.lookup(item(profile, PASSWORD));
        put(profile, PASSWORD, secrets.password(), "password");
        try {
            put(profile, KEY_PASSWORD, secrets.keyPassword(), "client-key password");
        } catch (IOException refused) {
            try {
                put(profile, PASSWORD, before, "password");
            } catch (IOException alsoRefused) {
                refused.addSuppressed(alsoRefused);
            }
            throw refused;
        }
    }

    @Override
    public void remove(String profile) throws IOException {
        Map<String, String> everyKind = new LinkedHashMap<>(item(profile, PASSWORD));
        everyKind.remove("kind");
        libsecret.clear(everyKind);
    }

    private void put(String profile, String kind, String value, String what) throws IOException {
        if (value == null || value.isEmpty()) {
            libsecret.clear(item(profile, kind));
            return;
        }
        // The label is what keyring managers (Seahorse, KWalletManager) show.
        libsecret.store(item(profile, kind), "XDP Guard console: " + what + " of profile " + profile + " (" + configDir + ")",
                value);
    }

    private Map<String, String> item(String profile, String kind) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("application", APPLICATION);
        attributes.put("config", configDir);
        attributes.put("profile", profile);
        attributes.put("kind", kind);
        return attributes;
    }
}
