package io.xdpguard.console.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a benchmark's temporary folder: the console's history and profiles, Mosquitto's files; 30-60 MB after a run. */
final class BenchDirs {
    private BenchDirs() {
    }

    /** Removes {@code dir} and all in it, once the console and the broker are closed; says so if it cannot. */
    static void remove(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.println("  (could not remove the benchmark's folder " + dir + ": " + e + ")");
        }
    }
}
