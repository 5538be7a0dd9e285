package io.xdpguard.console.profile;

import java.io.IOException;
import java.util.Map;

/** Passwords kept by a Secret Service, found by their attributes: what {@link KeyringSecretStore} needs of libsecret. */
interface SecretItems {
    void store(Map<String, String> attributes, String label, String password) throws IOException;

    /** The password, or null when no item has these attributes. */
    String lookup(Map<String, String> attributes) throws IOException;

    boolean clear(Map<String, String> attributes) throws IOException;

    boolean hasCollection(String alias) throws IOException;
}
