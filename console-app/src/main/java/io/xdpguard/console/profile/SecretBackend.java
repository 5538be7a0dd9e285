package io.xdpguard.console.profile;

import java.io.IOException;

/** One place profile secrets can live: the desktop keyring or the PKCS#12 file. {@link SecretVault} picks one. */
interface SecretBackend {
    ProfileSecrets read(String profile) throws IOException;

    /** Stores both secrets; a null or empty one is removed. */
    void write(String profile, ProfileSecrets secrets) throws IOException;

    void remove(String profile) throws IOException;
}
