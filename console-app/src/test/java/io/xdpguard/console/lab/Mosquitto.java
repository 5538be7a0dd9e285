package io.xdpguard.console.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Mosquitto (MQTT 5) on a free loopback port with a generated config, for tests and the benchmark.
 * Restartable on the same port, to test reconnects. Without persistence: a restart forgets retained messages.
 * {@link #startTls} makes the listener TLS-only, with client certificates and passwords required.
 */
public final class Mosquitto implements AutoCloseable {
    /**
     * A listener that wants TLS (server certificate {@code cert}/{@code key}, clients' certificates signed by
     * {@code ca}) and a user name and password from {@code passwordFile} (mosquitto_passwd format): no anonymous client.
     */
    public record Tls(Path ca, Path cert, Path key, Path passwordFile) {
    }

    private final Path dir;
    private final int port;
    private final Tls tls;
    private final int webSocketPort;
    private Process process;

    private Mosquitto(Path dir, int port, Tls tls, int webSocketPort) {
        this.dir = dir;
        this.port = port;
        this.tls = tls;
        this.webSocketPort = webSocketPort;
    }

    public static Mosquitto start(Path dir) throws IOException {
        return start(dir, null, false);
    }

    public static Mosquitto startTls(Path dir, Tls tls) throws IOException {
        return start(dir, java.util.Objects.requireNonNull(tls, "tls"), false);
    }

    /** A plain listener, and a second one for MQTT over WebSocket ({@link #webSocketUrl()}). */
    public static Mosquitto startWithWebSockets(Path dir) throws IOException {
        return start(dir, null, true);
    }

    /** A TLS listener and a second one for MQTT over WebSocket over TLS ({@link #webSocketUrl()}: wss://). */
    public static Mosquitto startTlsWithWebSockets(Path dir, Tls tls) throws IOException {
        return start(dir, java.util.Objects.requireNonNull(tls, "tls"), true);
    }

    private static Mosquitto start(Path dir, Tls tls, boolean webSockets) throws IOException {
        Files.createDirectories(dir);
        Mosquitto m = new Mosquitto(dir, freePort(), tls, webSockets ? freePort() : 0);
        m.startProcess();
        return m;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public static Path binary() {
        for (String candidate : List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("mosquitto is not installed: apt-get install mosquitto (scripts/env.sh does)");
    }

    private void startProcess() throws IOException {
        Path conf = dir.resolve("mosquitto.conf");
        // No queue or in-flight limits: the benchmark's alert burst must reach the console, not be shed here.
        // TLS: started as root, Mosquitto would switch to its own user before reading the password file in a
        // test's private directory ("user root" keeps it; ignored when not started as root).
        // TLS settings belong to the listener above them; user names and passwords are the broker's, for both.
        String listenerTls = tls == null ? "" : """
                cafile %s
                certfile %s
                keyfile %s
                require_certificate true
                """.formatted(tls.ca(), tls.cert(), tls.key());
        String access = tls == null ? "allow_anonymous true\n" : """
                allow_anonymous false
                password_file %s
                user root
                """.formatted(tls.passwordFile());
        String webSocket = webSocketPort == 0 ? ""
                : "listener %d 127.0.0.1\nprotocol websockets\n%s".formatted(webSocketPort, listenerTls);
        Files.writeString(conf, """
                listener %d 127.0.0.1
                %s%s%s\
                persistence false
                max_queued_messages 0
                max_inflight_messages 0
                max_packet_size 1048576
                log_type error
                log_type warning
                log_type notice
                log_dest file %s
                """.formatted(port, listenerTls, webSocket, access, dir.resolve("mosquitto.log")));
        process = new ProcessBuilder(binary().toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": see " + dir);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IOException("mosquitto did not listen on " + port + " within 10 s: see " + dir);
    }

    /** The broker's process id (the benchmark lowers its CPU priority). */
    public long pid() {
        return process.pid();
    }

    /** {@code tcp://127.0.0.1:port}, or {@code ssl://…} for a TLS listener. */
    public String url() {
        return (tls == null ? "tcp" : "ssl") + "://127.0.0.1:" + port;
    }

    /** {@code ws://127.0.0.1:port/mqtt} ({@code wss://} with TLS): only for a broker with a WebSocket listener. */
    public String webSocketUrl() {
        if (webSocketPort == 0) {
            throw new IllegalStateException("this broker has no WebSocket listener");
        }
        return (tls == null ? "ws" : "wss") + "://127.0.0.1:" + webSocketPort + "/mqtt";
    }

    public int port() {
        return port;
    }

    /** Where Mosquitto logs (connections refused, TLS errors): worth reading when a test fails. */
    public Path log() {
        return dir.resolve("mosquitto.log");
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    public void restart() throws IOException, InterruptedException {
        stop();
        startProcess();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
