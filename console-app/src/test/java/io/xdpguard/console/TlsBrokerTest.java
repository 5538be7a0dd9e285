package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.Mosquitto;
import io.xdpguard.console.model.BrokerState;
import io.xdpguard.console.model.BrokerState.Phase;
import io.xdpguard.console.model.FrameDelta;
import io.xdpguard.console.model.HostKey;
import io.xdpguard.console.model.HostSnapshot;
import io.xdpguard.console.model.Liveness;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.console.profile.ProfileStore;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.HostState;
import io.xdpguard.protocol.MessageKind;
import io.xdpguard.protocol.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console against a broker set up the way DESIGN.md's "many machines" deployment is: TLS only, a client
 * certificate AND a user name and password required, no anonymous access. Certificates are made at test time
 * with the openssl CLI. One console, one profile per case, each connected through the real connection code
 * (saved profile + secret vault, BrokerConnections, the MQTT client): the right settings discover an agent's
 * retained status, over TLS and over WebSocket with TLS (wss://); a wrong CA, a missing client certificate and a wrong password leave that broker retrying, with a
 * reason that tells the operator what to fix.
 */
class TlsBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String KEY_PASSWORD = "k3y-pass";

    @TempDir
    static Path dir;
    private static Mosquitto broker;
    private static Console console;
    private static final Map<HostKey, HostSnapshot> seen = new ConcurrentHashMap<>();

    private static Path pki(String name) {
        return dir.resolve("pki").resolve(name);
    }

    @BeforeAll
    static void brokerWithTlsAndPasswordsAndAnAgent() throws Exception {
        Files.createDirectories(pki(""));
        makePki();
        Path passwords = pki("passwd");
        run("mosquitto_passwd", "-b", "-c", passwords.toString(), "web-1", "agent-pass");
        run("mosquitto_passwd", "-b", passwords.toString(), "analyst", "analyst-pass");
        broker = Mosquitto.startTlsWithWebSockets(dir.resolve("mosquitto"),
                new Mosquitto.Tls(pki("ca.pem"), pki("broker.pem"), pki("broker.key"), passwords));

        // The agent: its retained status is on the broker before any console connects (an independent client).
        Path status = dir.resolve("status.json");
        Files.write(status, new Codec().encode(Messages.status("lab", "web-1", HostState.ONLINE, GuardMode.SHADOW,
                System.currentTimeMillis())));
        run("mosquitto_pub", "-V", "mqttv5", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()),
                "--cafile", pki("ca.pem").toString(), "--cert", pki("web-1.pem").toString(),
                "--key", pki("web-1.key").toString(), "-u", "web-1", "-P", "agent-pass", "-i", "xdpguard-lab-web-1",
                "-q", "1", "-r", "-t", Topic.of("lab", "web-1", MessageKind.STATUS).path(), "-f", status.toString());

        ProfileStore profiles = new ProfileStore(dir.resolve("config"));
        String url = broker.url();
        String ca = pki("ca.pem").toString();
        String cert = pki("analyst.pem").toString();
        String key = pki("analyst.key").toString();
        profiles.save(new ConnectionProfile("good", url, "analyst", ca, cert, key, List.of(), true),
                new ProfileSecrets("analyst-pass", null));
        profiles.save(new ConnectionProfile("good-wss", broker.webSocketUrl(), "analyst", ca, cert, key, List.of(), true),
                new ProfileSecrets("analyst-pass", null));
        profiles.save(new ConnectionProfile("encrypted-key", url, "analyst", ca, cert, pki("analyst-enc.key").toString(),
                List.of("lab"), true), new ProfileSecrets("analyst-pass", KEY_PASSWORD));
        profiles.save(new ConnectionProfile("wrong-ca", url, "analyst", pki("other-ca.pem").toString(), cert, key,
                List.of(), true), new ProfileSecrets("analyst-pass", null));
        profiles.save(new ConnectionProfile("no-cert", url, "analyst", ca, null, null, List.of(), true),
                new ProfileSecrets("analyst-pass", null));
        profiles.save(new ConnectionProfile("wrong-password", url, "analyst", ca, cert, key, List.of(), true),
                new ProfileSecrets("not-the-password", null));

        console = new Console(ConsoleOptions.defaults()
                .withDirs(dir.resolve("config"), dir.resolve("data"), dir.resolve("exports"))
                .withBrokers(List.of())).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** A throwaway CA, a second CA the broker does not know, a broker certificate for 127.0.0.1, client certificates. */
    private static void makePki() throws IOException, InterruptedException {
        for (String ca : List.of("ca", "other-ca")) {
            run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", pki(ca + ".key").toString(), "-out", pki(ca + ".pem").toString(), "-days", "2",
                    "-subj", "/CN=xg-test-" + ca);
        }
        for (String who : List.of("broker", "analyst", "web-1")) {
            // -nodes with OpenSSL 3 writes an unencrypted PKCS#8 key ("BEGIN PRIVATE KEY"), what the console reads.
            run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", pki(who + ".key").toString(), "-out", pki(who + ".csr").toString(),
                    "-subj", "/CN=" + (who.equals("broker") ? "127.0.0.1" : who), "-addext", "subjectAltName=IP:127.0.0.1");
            run("openssl", "x509", "-req", "-in", pki(who + ".csr").toString(), "-CA", pki("ca.pem").toString(),
                    "-CAkey", pki("ca.key").toString(), "-CAcreateserial", "-days", "2", "-copy_extensions", "copy",
                    "-out", pki(who + ".pem").toString());
        }
        run("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", pki("analyst.key").toString(),
                "-out", pki("analyst-enc.key").toString(), "-passout", "pass:" + KEY_PASSWORD);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "cmd", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(out));
        }
    }

    private static Optional<BrokerState> state(String profile) {
        return console.connections().states().stream().filter(s -> s.profile().equals(profile)).findFirst();
    }

    /** The frames the FX thread would take, taken here instead: there is no window in this test. */
    private static Optional<HostSnapshot> host(String site, String name) {
        FrameDelta d = console.pipeline().takeFrame();
        if (d != null) {
            d.hosts().forEach(h -> seen.put(h.key(), h));
        }
        return Optional.ofNullable(seen.get(new HostKey(site, name)));
    }

    private static BrokerState awaitRetrying(String profile) {
        List<BrokerState> states = new ArrayList<>();
        await(profile + " retrying with a reason").atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            Optional<BrokerState> s = state(profile);
            s.ifPresent(states::add);
            return s.filter(st -> st.phase() == Phase.RETRYING).isPresent();
        });
        assertThat(states).as("never connected").noneMatch(s -> s.phase() == Phase.CONNECTED);
        BrokerState s = state(profile).orElseThrow();
        return s;
    }

    @Test
    void caClientCertificateAndPasswordConnectAndDiscoverTheAgentsRetainedStatus() {
        await("good profile connected").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> state("good").map(s -> s.phase() == Phase.CONNECTED).orElse(false));
        assertThat(state("good").orElseThrow().detail()).isEqualTo("subscribed to all sites");
        await("agent discovered from its retained status").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> host("lab", "web-1").isPresent());
        HostSnapshot h = host("lab", "web-1").orElseThrow();
        assertThat(h.liveness()).isEqualTo(Liveness.ONLINE);
        assertThat(h.mode()).isEqualTo(GuardMode.SHADOW);
        assertThat(h.iface()).isEqualTo("eth0");
    }

    @Test
    void theSameOverWebSocketWithTls() {
        await("wss profile connected").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> state("good-wss").map(s -> s.phase() == Phase.CONNECTED).orElse(false));
        BrokerState s = state("good-wss").orElseThrow();
        assertThat(s.url()).startsWith("wss://127.0.0.1:");
        assertThat(s.detail()).isEqualTo("subscribed to all sites");
    }

    @Test
    void anEncryptedClientKeyWorksWithItsPasswordFromTheVault() {
        await("encrypted-key profile connected").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> state("encrypted-key").map(s -> s.phase() == Phase.CONNECTED).orElse(false));
        assertThat(state("encrypted-key").orElseThrow().detail()).isEqualTo("subscribed to lab");
    }

    @Test
    void aBrokerCertificateFromAnotherCaIsRefusedAndSaysSo() {
        BrokerState s = awaitRetrying("wrong-ca");
        assertThat(s.detail()).startsWith("connect failed: the broker's TLS certificate is not signed by a trusted CA")
                .contains("CA file " + pki("other-ca.pem")).contains(" — retrying in ");
    }

    @Test
    void aMissingClientCertificateIsNamed() {
        BrokerState s = awaitRetrying("no-cert");
        assertThat(s.detail()).startsWith("connect failed: the broker requires a client certificate and the profile "
                + "has none: set the client certificate and key");
    }

    @Test
    void aWrongPasswordIsNotAuthorized() {
        BrokerState s = awaitRetrying("wrong-password");
        assertThat(s.detail()).startsWith("connect failed: not authorized: the broker refused user 'analyst' with the "
                + "profile's password").contains("check the user name and password").doesNotContain("not-the-password");
    }
}
