package io.xdpguard.console.lab;

/** GUI tests need an X display (Xvfb in CI). In CI its absence is a failure, never a skip. */
public final class Display {
    private Display() {
    }

    public static void require() {
        String display = System.getenv("DISPLAY");
        if (display != null && !display.isBlank()) {
            return;
        }
        String why = "DISPLAY is not set: the console's TestFX tests open a real window; run the build under "
                + "xvfb-run -a -s \"-screen 0 1920x1080x24\" (scripts/test.sh does this)";
        Prerequisite.missing(why);
    }
}
