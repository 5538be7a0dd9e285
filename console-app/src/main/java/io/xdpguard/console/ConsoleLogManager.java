package io.xdpguard.console;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager in the console's JVM ({@link ConsoleApp} names it before the first logger exists): the
 * stock one, except that it keeps its handlers while the JVM shuts down. The stock manager resets itself from a
 * shutdown hook of its own, which runs alongside the console's ({@code xg-shutdown}), so on SIGTERM (logout,
 * {@code systemctl stop}) whatever the console logged while closing (what it stored, {@code event=console_stopped})
 * reached no handler and never the journal. The handlers write to the standard streams and flush every record, so
 * nothing needs their close at exit.
 */
public final class ConsoleLogManager extends LogManager {
    public ConsoleLogManager() {
    }

    @Override
    public void reset() {
        if (!shuttingDown()) {
            super.reset();
        }
    }

    /** The JVM refuses new shutdown hooks once it has begun to run them: the only public way to ask. */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { }, "xg-shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }
}
