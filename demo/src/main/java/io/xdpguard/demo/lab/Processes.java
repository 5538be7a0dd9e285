package io.xdpguard.demo.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Every process the demo starts, so that stopping the demo stops them all. Their pids also go to a
 * file, so the next start can end what a crashed run left behind.
 */
public final class Processes implements AutoCloseable {
    public static final Path PID_FILE = Path.of("/run/xdpguard-demo.pids");

    private final List<Process> started = new CopyOnWriteArrayList<>();

    public Process start(List<String> command, Path log) throws IOException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (log == null) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        return track(builder.start());
    }

    /** Starts a process whose standard input and output the caller talks to. */
    public Process startInteractive(List<String> command) throws IOException {
        return track(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    private Process track(Process p) throws IOException {
        started.add(p);
        Files.writeString(PID_FILE, p.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return p;
    }

    /** Kills what an earlier, crashed run started; returns how many were still running. */
    public static int killLeftovers() {
        int killed = 0;
        if (Files.exists(PID_FILE)) {
            try {
                for (String line : Files.readAllLines(PID_FILE)) {
                    long pid = Long.parseLong(line.trim());
                    var handle = ProcessHandle.of(pid);
                    if (handle.isPresent() && ours(handle.get())) {
                        handle.get().destroy();
                        killed++;
                    }
                }
                Files.delete(PID_FILE);
            } catch (IOException | NumberFormatException e) {
                // a damaged pid file only means there is nothing reliable to clean
            }
        }
        return killed;
    }

    private static boolean ours(ProcessHandle p) {
        String cmd = p.info().commandLine().orElse("");
        return cmd.contains("io.xdpguard") || cmd.contains("hping3");
    }

    /** SIGTERM to everything (agents then publish offline and detach), SIGKILL after a grace period. */
    @Override
    public void close() {
        List<Process> all = new ArrayList<>(started);
        all.forEach(Process::destroy);
        for (Process p : all) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        started.clear();
        try {
            Files.deleteIfExists(PID_FILE);
        } catch (IOException e) {
            // nothing left to track anyway
        }
    }
}
