package io.xdpguard.demo.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Lab plumbing commands (ip, hping3): the lab needs them; the agent itself never shells out. */
public final class Command {
    private Command() {
    }

    public record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    public static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Result(-1, "cannot run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    public static Result run(String... command) {
        return run(List.of(command));
    }

    /** Runs a set-up step that must succeed. */
    public static String check(String... command) {
        Result r = run(command);
        if (!r.ok()) {
            throw new LabException(String.join(" ", command) + " failed: " + r.output());
        }
        return r.output();
    }

    /** A lab step failed; the message says which and why. */
    public static final class LabException extends RuntimeException {
        public LabException(String message) {
            super(message);
        }
    }
}
