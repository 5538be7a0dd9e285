package io.xdpguard.agent.bpf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tests that load BPF need root. Without it they are skipped on a workstation, but fail in CI
 * (CI=true runs as root on purpose: a silent skip there would hide a broken pipeline).
 */
public final class RequiresRoot implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        check();
    }

    public static void check() {
        if (isRoot()) {
            return;
        }
        String reason = "BPF tests need root (uid 0) to load programs and create network namespaces";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(reason + ", and CI=true: run the build as root in CI instead of skipping");
        }
        Assumptions.abort(reason + "; skipped (not root, not CI)");
    }

    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective uid
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
