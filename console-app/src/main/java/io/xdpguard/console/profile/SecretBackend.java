package io.xdpguard.console.profile;

import java.io.IOException;

/**
 * One place profile secrets can live: the desktop keyring or the PKCS#12 file. {@link SecretVault} picks one.
 * Public so that tests can put a slow or failing one under a vault ({@link SecretVault#over}).
 */
public interface SecretBackend {
    ProfileSecrets read(String profile) throws IOException;

    /** Stores both secrets; a null or empty one is removed. */
    void write(String profile, ProfileSecrets secrets) throws IOException;

    void remove(String profile) throws IOException;
}
