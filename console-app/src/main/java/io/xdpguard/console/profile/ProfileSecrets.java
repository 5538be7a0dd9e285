package io.xdpguard.console.profile;

/** The secrets of one profile; either may be null. */
public record ProfileSecrets(String password, String keyPassword) {
    public static final ProfileSecrets NONE = new ProfileSecrets(null, null);
}
