package io.xdpguard.agent.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real agent as a separate process, launched with this JVM and this test classpath. */
public final class AgentProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static AgentProcess start(Path log, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.xdpguard.agent.Main"));
        cmd.addAll(List.of(args));
        return new AgentProcess(Shell.start(cmd, log), log);
    }

    /** Starts the agent through a wrapper command, e.g. capsh dropping capabilities. */
    public static AgentProcess startWrapped(Path log, List<String> wrapper, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(String.join(" ", List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "io.xdpguard.agent.Main")) + " " + String.join(" ", args));
        return new AgentProcess(Shell.start(cmd, log), log);
    }

    public void signal(String name) {
        Shell.check("kill", "-" + name, String.valueOf(process.pid()));
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, as systemd stops it; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        return process.exitValue();
    }

    public int waitFor() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        return process.exitValue();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }
}
