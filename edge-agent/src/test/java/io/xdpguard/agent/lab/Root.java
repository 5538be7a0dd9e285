package io.xdpguard.agent.lab;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;

/** Lab tests need root (XDP, namespaces). In CI they run or fail with the reason; they never skip there. */
public final class Root {
    private Root() {
    }

    public static void require(String what) {
        boolean root = new UnixSystem().getUid() == 0;
        if (root) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail(what + " needs root (XDP attach and network namespaces); CI must run the tests as root");
        }
        assumeTrue(false, what + " needs root; skipped outside CI");
    }
}
