package io.xdpguard.demo.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The real-client process inside the lab's internet namespace (see TrafficMain), talked to line by line. */
public final class Traffic implements AutoCloseable {
    private final Process process;
    private final PrintStream in;
    private final BufferedReader out;

    private Traffic(Process process) {
        this.process = process;
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static Traffic start(Processes processes) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new Traffic(processes.startInteractive(List.of("ip", "netns", "exec", LabNetwork.NAMESPACE, java,
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), "io.xdpguard.demo.traffic.TrafficMain")));
    }

    /** Steady real connections, round robin over {@code target@source} pairs. */
    public void calm(List<String> pairs, int perSecond) {
        in.println("calm " + String.join(",", pairs) + " " + perSecond);
    }

    /** Sends a command that answers with one line and returns that line. */
    public synchronized String ask(String command) throws IOException {
        in.println(command);
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the traffic process ended");
        }
        return line;
    }

    @Override
    public void close() {
        in.close();
        process.destroy();
    }
}
