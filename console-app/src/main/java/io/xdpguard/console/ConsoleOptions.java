package io.xdpguard.console;

import io.xdpguard.console.model.FleetLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up settings, from the command line. Defaults follow the XDG base directories: profiles and secrets
 * in ~/.config/xdpguard-console, alert history in ~/.local/share/xdpguard-console, exports in ~/xdpguard-exports.
 */
public record ConsoleOptions(Path configDir, Path dataDir, Path exportDir, List<String> brokers,
                             FleetLimits limits, Duration retention, long maxHistoryRows, Duration notifyInterval,
                             Duration minBackoff, Duration maxBackoff, int warmUpAlerts) {
    /** Enough made-up alerts at start-up that the first real burst meets compiled code (see Warmup). */
    public static final int DEFAULT_WARM_UP_ALERTS = 20_000;

    public static final String USAGE = """
            usage: xdpguard-console [--broker URL]... [--config-dir DIR] [--data-dir DIR] [--export-dir DIR]
                                    [--retention-days N] [--silent-after-seconds N] [--warm-up-alerts N]
              --broker URL   connect to this broker for this run only (saved profiles connect too)
              --warm-up-alerts N   made-up alerts run through scratch copies of the alert path at start-up,
                             so that the first real burst is handled at full speed (default 20000; 0: none)""";

    public ConsoleOptions {
        brokers = List.copyOf(brokers);
    }

    public static ConsoleOptions defaults() {
        String home = System.getProperty("user.home");
        Path config = xdg("XDG_CONFIG_HOME", Path.of(home, ".config"));
        Path data = xdg("XDG_DATA_HOME", Path.of(home, ".local", "share"));
        return new ConsoleOptions(config.resolve("xdpguard-console"), data.resolve("xdpguard-console"),
                Path.of(home, "xdpguard-exports"), List.of(), FleetLimits.defaults(), Duration.ofDays(30), 1_000_000,
                Duration.ofSeconds(5), Duration.ofMillis(250), Duration.ofSeconds(10), DEFAULT_WARM_UP_ALERTS);
    }

    /** @throws IllegalArgumentException naming the bad argument, for a one-line start-up error */
    public static ConsoleOptions parse(List<String> args) {
        ConsoleOptions o = defaults();
        List<String> brokers = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = i + 1 < args.size() ? args.get(i + 1) : null;
            if (v == null && a.startsWith("--")) {
                throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
            }
            switch (a) {
                case "--broker" -> brokers.add(v);
                case "--config-dir" -> o = o.withDirs(Path.of(v), o.dataDir, o.exportDir);
                case "--data-dir" -> o = o.withDirs(o.configDir, Path.of(v), o.exportDir);
                case "--export-dir" -> o = o.withDirs(o.configDir, o.dataDir, Path.of(v));
                case "--retention-days" -> o = new ConsoleOptions(o.configDir, o.dataDir, o.exportDir, o.brokers,
                        o.limits, Duration.ofDays(positive(a, v)), o.maxHistoryRows, o.notifyInterval, o.minBackoff,
                        o.maxBackoff, o.warmUpAlerts);
                case "--silent-after-seconds" -> o = o.withLimits(o.limits.withSilentAfter(positive(a, v) * 1000));
                case "--warm-up-alerts" -> o = o.withWarmUpAlerts((int) Math.min(notNegative(a, v), 1_000_000));
                default -> throw new IllegalArgumentException("unknown argument " + a + "\n" + USAGE);
            }
            i++;
        }
        return o.withBrokers(brokers);
    }

    public ConsoleOptions withDirs(Path config, Path data, Path export) {
        return new ConsoleOptions(config, data, export, brokers, limits, retention, maxHistoryRows, notifyInterval,
                minBackoff, maxBackoff, warmUpAlerts);
    }

    public ConsoleOptions withBrokers(List<String> urls) {
        return new ConsoleOptions(configDir, dataDir, exportDir, urls, limits, retention, maxHistoryRows,
                notifyInterval, minBackoff, maxBackoff, warmUpAlerts);
    }

    public ConsoleOptions withLimits(FleetLimits l) {
        return new ConsoleOptions(configDir, dataDir, exportDir, brokers, l, retention, maxHistoryRows, notifyInterval,
                minBackoff, maxBackoff, warmUpAlerts);
    }

    public ConsoleOptions withNotifyInterval(Duration d) {
        return new ConsoleOptions(configDir, dataDir, exportDir, brokers, limits, retention, maxHistoryRows, d,
                minBackoff, maxBackoff, warmUpAlerts);
    }

    public ConsoleOptions withWarmUpAlerts(int alerts) {
        return new ConsoleOptions(configDir, dataDir, exportDir, brokers, limits, retention, maxHistoryRows,
                notifyInterval, minBackoff, maxBackoff, alerts);
    }

    private static long positive(String name, String v) {
        return atLeast(1, name, v, "a positive whole number");
    }

    private static long notNegative(String name, String v) {
        return atLeast(0, name, v, "0 or a positive whole number");
    }

    private static long atLeast(long min, String name, String v, String what) {
        try {
            long n = Long.parseLong(v);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // Reported below with the argument's name.
        }
        throw new IllegalArgumentException(name + " must be " + what + ", not '" + v + "'");
    }

    private static Path xdg(String variable, Path fallback) {
        String v = System.getenv(variable);
        return v == null || v.isBlank() ? fallback : Path.of(v);
    }
}
