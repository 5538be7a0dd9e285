package io.xdpguard.console.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A private D-Bus session bus (own config: no service activation, so nothing starts behind the test's back)
 * and, optionally, a real GNOME Keyring Secret Service on it with an unlocked login collection. Everything
 * (keyrings, runtime dir, home) lives under one test directory; nothing touches the user's own session.
 */
public final class PrivateSecretService implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final String SECRETS_NAME = "org.freedesktop.secrets";

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private String address;

    private PrivateSecretService(Path dir) {
        this.dir = dir;
    }

    /** What the tests need; missing: a failure under CI=true, a skip (with the reason) otherwise. */
    public static void require() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("dbus-daemon", "dbus-send", "gnome-keyring-daemon")) {
            if (!Files.isExecutable(Path.of("/usr/bin", tool))) {
                missing.add(tool);
            }
        }
        try {
            SymbolLookup.libraryLookup("libsecret-1.so.0", Arena.global());
        } catch (IllegalArgumentException e) {
            missing.add("libsecret-1.so.0");
        }
        if (missing.isEmpty()) {
            return;
        }
        String why = "missing " + missing + " for the Secret Service tests: apt-get install gnome-keyring libsecret-1-0 "
                + "dbus-daemon dbus-bin (scripts/env.sh installs them)";
        Prerequisite.missing(why);
    }

    /** A session bus with no Secret Service on it. */
    public static PrivateSecretService busOnly(Path dir) throws IOException {
        PrivateSecretService s = new PrivateSecretService(dir);
        s.startBus();
        return s;
    }

    /** A session bus with gnome-keyring-daemon's Secret Service, its login collection (the default) unlocked. */
    public static PrivateSecretService withKeyring(Path dir) throws IOException {
        return withService(dir, true);
    }

    /** gnome-keyring-daemon's Secret Service with no keyring yet: no default collection to store into. */
    public static PrivateSecretService withoutLoginKeyring(Path dir) throws IOException {
        return withService(dir, false);
    }

    private static PrivateSecretService withService(Path dir, boolean unlockLogin) throws IOException {
        PrivateSecretService s = new PrivateSecretService(dir);
        try {
            s.startBus();
            s.startKeyring(unlockLogin);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The environment a process needs to use this session: own home, runtime dir and bus address. */
    public Map<String, String> environment() {
        Map<String, String> env = isolatedEnvironment(dir);
        env.put("DBUS_SESSION_BUS_ADDRESS", address);
        return env;
    }

    /**
     * The current environment without any way to the user's session: no bus address, no display (GDBus would
     * try to autolaunch a bus through X11), and home and XDG dirs under {@code dir}.
     */
    public static Map<String, String> isolatedEnvironment(Path dir) {
        Map<String, String> env = new HashMap<>(System.getenv());
        for (String drop : List.of("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY")) {
            env.remove(drop);
        }
        Path home = dir.resolve("home");
        env.put("HOME", home.toString());
        env.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("XDG_RUNTIME_DIR", dir.resolve("run").toString());
        try {
            Files.createDirectories(home);
            Files.createDirectories(dir.resolve("run"));
            Files.setPosixFilePermissions(dir.resolve("run"), PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        return env;
    }

    /** Home of the processes started with {@link #environment()}: the keyring files live under it. */
    public Path home() {
        return dir.resolve("home");
    }

    private void startBus() throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("session.conf");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(dir.resolve("bus")));
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/dbus-daemon", "--config-file=" + config, "--nofork", "--print-address=1")
                .redirectError(dir.resolve("dbus-daemon.err").toFile());
        pb.environment().clear();
        pb.environment().putAll(isolatedEnvironment(dir));
        Process bus = pb.start();
        processes.add(bus);
        // The address line is printed once the bus listens: that is the readiness signal.
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            address = line.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("dbus-daemon printed no address within " + START_TIMEOUT.toSeconds() + " s: "
                    + e + "; " + Files.readString(dir.resolve("dbus-daemon.err")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (address == null || !address.startsWith("unix:")) {
            throw new IOException("dbus-daemon failed: " + Files.readString(dir.resolve("dbus-daemon.err")));
        }
    }

    private void startKeyring(boolean unlockLogin) throws IOException {
        Path log = dir.resolve("gnome-keyring.log");
        List<String> command = new ArrayList<>(List.of("/usr/bin/gnome-keyring-daemon", "--foreground", "--components=secrets"));
        if (unlockLogin) {
            command.add("--unlock");
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment());
        Process keyring = pb.start();
        processes.add(keyring);
        // --unlock reads the login keyring's password from stdin up to EOF, creating the keyring if needed.
        try (OutputStream in = keyring.getOutputStream()) {
            if (unlockLogin) {
                in.write("test-keyring-password".getBytes(StandardCharsets.UTF_8));
            }
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!nameOwned(SECRETS_NAME)) {
            try {
                if (keyring.waitFor(100, TimeUnit.MILLISECONDS)) {
                    throw new IOException("gnome-keyring-daemon exited with " + keyring.exitValue() + ": "
                            + Files.readString(log));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("gnome-keyring-daemon did not own " + SECRETS_NAME + " within "
                        + START_TIMEOUT.toSeconds() + " s: " + Files.readString(log));
            }
        }
    }

    private boolean nameOwned(String name) throws IOException {
        Process p = new ProcessBuilder("/usr/bin/dbus-send", "--bus=" + address, "--print-reply", "--reply-timeout=2000",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:" + name)
                .redirectErrorStream(true).start();
        try {
            // dbus-send gives up after its 2 s reply timeout, so this read ends.
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.contains("boolean true");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        // Keyring first, then the bus it is on.
        for (Process p : processes.reversed()) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
