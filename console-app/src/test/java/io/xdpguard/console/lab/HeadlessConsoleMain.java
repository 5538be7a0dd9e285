package io.xdpguard.console.lab;

import io.xdpguard.console.Console;
import io.xdpguard.console.ConsoleOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * A console without a window in a JVM of its own, for tests that kill it: {@code <config dir> <data dir> <broker URL>}.
 * Prints {@code accepted=N} each time more messages have been accepted (decoded and handed to the fleet thread),
 * until it is killed.
 */
public final class HeadlessConsoleMain {
    private HeadlessConsoleMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path config = Path.of(args[0]);
        Path data = Path.of(args[1]);
        ConsoleOptions options = ConsoleOptions.defaults().withDirs(config, data, data.resolve("exports"))
                .withBrokers(List.of(args[2])).withWarmUpAlerts(0);
        Console console = new Console(options).start();
        long shown = -1;
        while (true) {
            long accepted = console.diagnostics().snapshot().accepted();
            if (accepted != shown) {
                System.out.println("accepted=" + accepted);
                System.out.flush();
                shown = accepted;
            }
            Thread.sleep(1);
        }
    }
}
