package io.xdpguard.console.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The simulated fleet in its own JVM, driven by {@link LoadBenchmark} over stdin/stdout so that the console's
 * JVM carries only the console. Arguments: broker URL, agents, connections. Prints {@code READY} once every
 * agent's status is published, telemetry runs and a warm-up burst on unwatched topics has brought the
 * publisher's JIT to speed; then reads {@code BURST first alerts seconds} (answers
 * {@code SENT seconds}) and {@code STOP}.
 */
public final class SimFleetMain {
    public static void main(String[] args) throws Exception {
        try (SimFleet fleet = new SimFleet(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]))) {
            fleet.warmUp(20_000, 5);
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("STOP"); ) {
                String[] w = line.trim().split(" ");
                if (w[0].equals("BURST")) {
                    double s = fleet.burst(Integer.parseInt(w[1]), Integer.parseInt(w[2]), Integer.parseInt(w[3]));
                    System.out.printf(Locale.ROOT, "SENT %.3f%n", s);
                    System.out.flush();
                }
            }
        }
        System.exit(0);
    }
}
