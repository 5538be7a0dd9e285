package io.xdpguard.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.xdpguard.console.profile.SecretVault;
import io.xdpguard.console.store.AlertHistory;
import java.io.IOException;
import java.time.Clock;

/**
 * What start-up opens on its own threads because it can take seconds: the alert history (H2; locked if
 * another console uses it) and the secret vault (a D-Bus probe of the desktop keyring, up to 10 s). Production
 * opens the real ones; start-up tests put slow or failing ones around them.
 */
public record Openers(HistoryOpener history, SecretVault.Opener secrets) {
    @FunctionalInterface
    public interface HistoryOpener {
        AlertHistory open(ConsoleOptions options, ObjectMapper json, Clock clock) throws IOException;
    }

    public static Openers real() {
        return new Openers(Openers::openHistory, SecretVault::open);
    }

    public Openers withHistory(HistoryOpener opener) {
        return new Openers(opener, secrets);
    }

    public Openers withSecrets(SecretVault.Opener opener) {
        return new Openers(history, opener);
    }

    private static AlertHistory openHistory(ConsoleOptions o, ObjectMapper json, Clock clock) throws IOException {
        return new AlertHistory(o.dataDir(), json, clock, o.retention(), o.maxHistoryRows());
    }
}
