package io.xdpguard.console;

/**
 * One line per record, key=value friendly: time, level, logger, message. System.Logger goes to
 * java.util.logging, whose SimpleFormatter takes the pattern from this property; set before first use.
 */
final class LogFormat {
    private LogFormat() {
    }

    static void install() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tFT%1$tT.%1$tLZ level=%4$s logger=%3$s %5$s%6$s%n");
        }
    }
}
