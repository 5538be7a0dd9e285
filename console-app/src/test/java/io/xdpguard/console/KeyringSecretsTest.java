package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.PrivateSecretService;
import io.xdpguard.console.lab.ProfileSecretsMain;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profile secrets against a real Secret Service (gnome-keyring-daemon on a private session bus). Each step is
 * a fresh JVM running the console's profile code ({@link ProfileSecretsMain}): libsecret takes the bus from
 * the process environment once, and a new JVM is a real restart of the store.
 */
class KeyringSecretsTest {
    private static final String MODULE = "io.xdpguard.console";

    @TempDir
    Path dir;
    private Path config;
    private final String password = "pw-" + UUID.randomUUID();
    private final String keyPassword = "kpw-" + UUID.randomUUID();

    @BeforeEach
    void needsTheSecretServiceTools() {
        PrivateSecretService.require();
        config = dir.resolve("config");
    }

    @Test
    void keyringKeepsSecretsAcrossRestartsOutOfEveryFileAndDeletesThemWithTheProfile() throws Exception {
        try (PrivateSecretService session = PrivateSecretService.withKeyring(dir.resolve("session"))) {
            Map<String, String> env = session.environment();
            Run save = run(env, classPath(), "save", "site-a", password, keyPassword);
            assertThat(save.stdout()).contains("store=keyring");
            assertThat(save.stderr()).contains("event=secret_store kind=keyring detail=\"Secret Service answers\"");

            Run restarted = run(env, classPath(), "read", "site-a");
            assertThat(restarted.stdout()).contains("store=keyring", "password=" + password + " key-password=" + keyPassword);
            assertThat(config.resolve("profiles.json")).exists();
            assertThat(config.resolve("secrets.p12")).doesNotExist();
            assertThat(config.resolve("secrets.key")).doesNotExist();
            assertNoFileHolds(config);
            assertNoFileHolds(session.home()); // the keyring's own file is encrypted

            run(env, classPath(), "remove", "site-a");
            assertThat(run(env, classPath(), "read", "site-a").stdout()).contains("store=keyring", "password=- key-password=-");
            assertThat(Files.readString(config.resolve("profiles.json"))).doesNotContain("site-a");
        }
    }

    @Test
    void withoutASessionBusTheFileVaultIsUsedAndStillWorks() throws Exception {
        Map<String, String> env = PrivateSecretService.isolatedEnvironment(dir.resolve("session"));
        Run save = run(env, classPath(), "save", "site-a", password, "-");
        assertThat(save.stdout()).contains("store=file");
        assertThat(save.stderr()).contains("event=secret_store kind=file detail=\"no usable Secret Service:");
        assertThat(config.resolve("secrets.p12")).exists();
        assertNoFileHolds(config);

        assertThat(run(env, classPath(), "read", "site-a").stdout()).contains("store=file", "password=" + password + " key-password=-");
        run(env, classPath(), "remove", "site-a");
        assertThat(run(env, classPath(), "read", "site-a").stdout()).contains("password=- key-password=-");
    }

    @Test
    void aSessionBusWithoutASecretServiceMeansTheFileVault() throws Exception {
        try (PrivateSecretService bus = PrivateSecretService.busOnly(dir.resolve("session"))) {
            Run save = run(bus.environment(), classPath(), "save", "site-a", password, "-");
            assertThat(save.stdout()).contains("store=file");
            assertThat(save.stderr()).contains("event=secret_store kind=file", "org.freedesktop.secrets");
            assertThat(run(bus.environment(), classPath(), "read", "site-a").stdout()).contains("password=" + password);
        }
    }

    /** E.g. a service D-Bus-activated outside a desktop login: storing would wait on a prompt to create a keyring. */
    @Test
    void aSecretServiceWithoutADefaultKeyringMeansTheFileVault() throws Exception {
        try (PrivateSecretService session = PrivateSecretService.withoutLoginKeyring(dir.resolve("session"))) {
            Run save = run(session.environment(), classPath(), "save", "site-a", password, "-");
            assertThat(save.stdout()).contains("store=file");
            assertThat(save.stderr()).contains("kind=file", "no default collection");
            assertThat(run(session.environment(), classPath(), "read", "site-a").stdout()).contains("password=" + password);
        }
    }

    @Test
    void secretsInTheFileMoveIntoTheKeyringTheFirstTimeOneAnswers() throws Exception {
        Path session = dir.resolve("session");
        // Mixed case: PKCS#12 lower-cases aliases, the move must still find the profile's real name.
        assertThat(run(PrivateSecretService.isolatedEnvironment(session), classPath(), "save", "Site-B", password,
                keyPassword).stdout()).contains("store=file");
        assertThat(config.resolve("secrets.p12")).exists();

        try (PrivateSecretService keyring = PrivateSecretService.withKeyring(session)) {
            Run first = run(keyring.environment(), classPath(), "read", "Site-B");
            assertThat(first.stdout()).contains("store=keyring", "password=" + password + " key-password=" + keyPassword);
            assertThat(first.stderr()).contains("kind=keyring", "moved the secrets of 1 profile(s) from secrets.p12");
            assertThat(config.resolve("secrets.p12")).doesNotExist();
            assertThat(config.resolve("secrets.key")).doesNotExist();
            assertNoFileHolds(config);

            Run second = run(keyring.environment(), classPath(), "read", "Site-B");
            assertThat(second.stdout()).contains("password=" + password);
            assertThat(second.stderr()).doesNotContain("moved");
        }
    }

    /** The packaged console runs on the module path: this is the flag it needs, and without it the file is used. */
    @Test
    void onTheModulePathNativeAccessForTheConsoleModuleIsWhatTheKeyringNeeds() throws Exception {
        try (PrivateSecretService session = PrivateSecretService.withKeyring(dir.resolve("session"))) {
            Run denied = run(session.environment(), modulePath("--illegal-native-access=deny"),
                    "save", "site-a", password, "-");
            assertThat(denied.stdout()).contains("store=file");
            assertThat(denied.stderr()).contains("kind=file", "libsecret-1.so.0 not usable", "IllegalCallerException");

            Run allowed = run(session.environment(), modulePath("--illegal-native-access=deny",
                    "--enable-native-access=" + MODULE), "read", "site-a");
            assertThat(allowed.stdout()).contains("store=keyring", "password=" + password);
            assertThat(allowed.stderr()).contains("moved the secrets of 1 profile(s)");
        }
    }

    private void assertNoFileHolds(Path root) throws IOException {
        byte[][] secrets = {password.getBytes(StandardCharsets.UTF_8), keyPassword.getBytes(StandardCharsets.UTF_8)};
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(f);
                for (byte[] secret : secrets) {
                    assertThat(indexOf(content, secret)).as("a secret in plain text in %s", f).isEqualTo(-1);
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private record Run(String stdout, String stderr) {
    }

    /** Runs one command of {@link ProfileSecretsMain} on the config dir; it must succeed within a minute. */
    private Run run(Map<String, String> env, List<String> launch, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        List<String> command = new ArrayList<>(launch);
        command.add(config.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("child JVM did not finish within 60 s: " + command);
        }
        Run run = new Run(Files.readString(out), Files.readString(err));
        assertThat(p.exitValue()).as("exit of %s%nstdout: %s%nstderr: %s", args[0], run.stdout(), run.stderr()).isZero();
        assertThat(run.stdout()).contains("done");
        return run;
    }

    private static List<String> jvm(String... options) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // One line per record with the message, so the structured event line can be matched.
        c.add("-Djava.util.logging.SimpleFormatter.format=%4$s %5$s%6$s%n");
        c.addAll(List.of(options));
        return c;
    }

    /** As the tests and the benchmark run: the class path, where the flag is ALL-UNNAMED. */
    private static List<String> classPath() {
        List<String> c = jvm("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"));
        c.add(ProfileSecretsMain.class.getName());
        return c;
    }

    /**
     * As javafx:run and the jpackage image run: the console module and the modules it requires, transitively
     * (only those: an unrelated automatic module on the path would be resolved too), test classes patched in.
     */
    private static List<String> modulePath(String... options) {
        Path testClasses = Path.of(ProfileSecretsMain.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        ModuleFinder onClassPath = ModuleFinder.of(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).filter(e -> Files.exists(e) && !e.equals(testClasses) && isModule(e)).toArray(Path[]::new));
        Set<String> needed = new LinkedHashSet<>();
        ArrayDeque<String> toVisit = new ArrayDeque<>(List.of(MODULE));
        while (!toVisit.isEmpty()) {
            String name = toVisit.pop();
            Optional<ModuleReference> ref = onClassPath.find(name);
            if (ref.isEmpty() || !needed.add(name)) {
                continue; // a JDK module, or seen
            }
            ref.get().descriptor().requires().stream().filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                    .forEach(r -> toVisit.add(r.name()));
        }
        String modulePath = needed.stream().map(n -> Path.of(onClassPath.find(n).orElseThrow().location().orElseThrow()).toString())
                .collect(Collectors.joining(File.pathSeparator));
        List<String> c = jvm(options);
        c.addAll(List.of("-p", modulePath, "--patch-module", MODULE + "=" + testClasses,
                "-m", MODULE + "/" + ProfileSecretsMain.class.getName()));
        return c;
    }

    /** Class path entries that cannot be modules (e.g. no derivable automatic name) stay off the module path. */
    private static boolean isModule(Path entry) {
        try {
            return !ModuleFinder.of(entry).findAll().isEmpty();
        } catch (FindException | UncheckedIOException e) {
            return false;
        }
    }
}
