package io.xdpguard.demo.scenario;

/** One thing a viewer should see in a step, and whether they did. */
public record Check(String step, String expectation, boolean met, String detail) {
    @Override
    public String toString() {
        return (met ? "  [ok]   " : "  [MISS] ") + expectation + (detail.isEmpty() ? "" : " — " + detail);
    }
}
