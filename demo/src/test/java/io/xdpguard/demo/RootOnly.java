package io.xdpguard.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** The demo needs root (XDP, namespaces): in CI the test fails without it, elsewhere it is skipped. */
final class RootOnly {
    private RootOnly() {
    }

    static void check() throws IOException {
        boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[2].equals("0"));
        if (root) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("the demo test needs root to load XDP and create namespaces; CI runs as root");
        }
        Assumptions.abort("the demo test needs root; skipped outside CI");
    }
}
