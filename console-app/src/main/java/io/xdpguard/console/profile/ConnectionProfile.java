package io.xdpguard.console.profile;

import io.xdpguard.protocol.Names;
import java.util.List;
import java.util.Locale;

/**
 * One broker the console connects to. Files are paths to PEM files (CA certificate, client certificate,
 * client PKCS#8 private key); {@code sites} limits the subscription to those sites (empty: every site).
 * Secrets (password, key password) are not here: they live in the {@link SecretVault}.
 */
public record ConnectionProfile(String name, String url, String username, String caFile, String clientCertFile,
                                String clientKeyFile, List<String> sites, boolean enabled) {
    private static final List<String> SCHEMES = List.of("tcp://", "ssl://", "ws://", "wss://");

    public ConnectionProfile {
        if (name == null || !Names.isValid(name)) {
            throw new IllegalArgumentException("profile name '" + (name == null ? "" : name)
                    + "' is not allowed: use 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        if (url == null || SCHEMES.stream().noneMatch(s -> url.toLowerCase(Locale.ROOT).startsWith(s))
                || url.length() <= 6) {
            throw new IllegalArgumentException("broker URL '" + (url == null ? "" : url)
                    + "' must start with one of " + SCHEMES + " and name a host, e.g. tcp://broker:1883");
        }
        sites = List.copyOf(sites == null ? List.of() : sites);
        for (String s : sites) {
            Names.require("site", s);
        }
        username = blankToNull(username);
        caFile = blankToNull(caFile);
        clientCertFile = blankToNull(clientCertFile);
        clientKeyFile = blankToNull(clientKeyFile);
        if ((clientCertFile == null) != (clientKeyFile == null)) {
            throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
        }
    }

    public static ConnectionProfile plain(String name, String url) {
        return new ConnectionProfile(name, url, null, null, null, null, List.of(), true);
    }

    public boolean tls() {
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("ssl://") || u.startsWith("wss://");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
