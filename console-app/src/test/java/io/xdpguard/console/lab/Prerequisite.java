package io.xdpguard.console.lab;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** A test's missing prerequisite: under CI=true a failure (every test there runs), elsewhere a skip with the reason. */
public final class Prerequisite {
    private Prerequisite() {
    }

    public static void missing(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why);
        }
        Assumptions.abort(why);
    }
}
