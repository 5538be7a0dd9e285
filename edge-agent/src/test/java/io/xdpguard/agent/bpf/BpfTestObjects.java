package io.xdpguard.agent.bpf;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the test run finds the objects bpf/Makefile built into target classes. */
public final class BpfTestObjects {
    private BpfTestObjects() {
    }

    public static Path guard() {
        return find(Bundled.GUARD);
    }

    public static Path pass() {
        return find(Bundled.PASS);
    }

    private static Path find(String name) {
        try {
            var url = BpfTestObjects.class.getResource("/bpf/" + name);
            if (url != null && url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path tmp = Bundled.extract(name);
            tmp.toFile().deleteOnExit();
            return tmp;
        } catch (Exception e) {
            throw new IllegalStateException("BPF object " + name + " not on the test classpath: " + e, e);
        }
    }

    static boolean exists(Path p) {
        return Files.isRegularFile(p);
    }
}
