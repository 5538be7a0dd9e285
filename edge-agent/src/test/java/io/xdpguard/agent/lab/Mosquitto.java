package io.xdpguard.agent.lab;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto on loopback with a config of its own, restartable on the same port with its
 * persistence kept, so that a subscriber's persistent session survives the broker's restart.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    public Mosquitto(Path dir) throws IOException {
        this(dir, List.of("allow_anonymous true"));
    }

    /** @param listenerLines settings for the listener (TLS files, authentication), after its line */
    public Mosquitto(Path dir, List<String> listenerLines) throws IOException {
        this.dir = dir;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + port + " 127.0.0.1",
                String.join("\n", listenerLines),
                // Started as root, Mosquitto would switch to its own user and lose access to this directory.
                "user root",
                "persistence true",
                "persistence_location " + dir + "/",
                "log_dest file " + dir.resolve("mosquitto.log"),
                "max_queued_messages 100000",
                "") );
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Mosquitto start() throws IOException {
        process = new ProcessBuilder(List.of("mosquitto", "-c", dir.resolve("mosquitto.conf").toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return this;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("stdout.log")));
                }
                Thread.onSpinWait();
            }
        }
        throw new IOException("mosquitto did not listen on " + port + " within 10 s");
    }

    /** A clean stop (SIGTERM), so Mosquitto writes its persistence file. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
