package io.xdpguard.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.xdpguard.agent.lab.Mosquitto;
import io.xdpguard.agent.lab.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's link to a broker that demands TLS and a client certificate, with the PEM files an operator
 * has: a CA, a certificate and a PKCS#8 key.
 */
class TlsLinkTest {
    @TempDir
    Path dir;

    private Path pki(String name) {
        return dir.resolve(name);
    }

    /** A CA, a broker certificate for 127.0.0.1 and a client certificate, all made with openssl. */
    private void makePki() {
        Shell.check("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", pki("ca.key").toString(), "-out", pki("ca.pem").toString(), "-days", "2", "-subj", "/CN=lab-ca");
        for (String who : List.of("broker", "web01")) {
            Shell.check("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", pki(who + ".key").toString(), "-out", pki(who + ".csr").toString(),
                    "-subj", "/CN=" + (who.equals("broker") ? "127.0.0.1" : who),
                    "-addext", "subjectAltName=IP:127.0.0.1");
            Shell.check("openssl", "x509", "-req", "-in", pki(who + ".csr").toString(), "-CA", pki("ca.pem").toString(),
                    "-CAkey", pki("ca.key").toString(), "-CAcreateserial", "-days", "2", "-copy_extensions", "copy",
                    "-out", pki(who + ".pem").toString());
        }
    }

    private PahoLink link(Mosquitto broker, String clientId, javax.net.ssl.SSLSocketFactory tls) throws Exception {
        return new PahoLink(new LinkOptions("ssl://127.0.0.1:" + broker.port(), clientId, null, null, tls, 10, null));
    }

    @Test
    void theAgentConnectsWithItsCertificateAndPublishes() throws Exception {
        makePki();
        Path brokerDir = Files.createDirectories(dir.resolve("broker"));
        try (Mosquitto broker = new Mosquitto(brokerDir, List.of(
                "cafile " + pki("ca.pem"), "certfile " + pki("broker.pem"), "keyfile " + pki("broker.key"),
                "require_certificate true", "use_identity_as_username true", "allow_anonymous false")).start()) {
            var tls = TlsFiles.socketFactory(pki("ca.pem"), pki("web01.pem"), pki("web01.key"));
            List<String> received = new CopyOnWriteArrayList<>();
            try (PahoLink console = link(broker, "console", tls); PahoLink agent = link(broker, "xdpguard-lab-web01", tls)) {
                console.connect(Duration.ofSeconds(5));
                console.subscribe("xdpguard/v1/#", 1, m -> received.add(m.topic()), Duration.ofSeconds(5));
                agent.connect(Duration.ofSeconds(5));
                agent.publish(new MqttLink.Outbound("xdpguard/v1/lab/web01/alert", "{}".getBytes(), 1, false, null, null),
                        Duration.ofSeconds(5));
                await().atMost(Duration.ofSeconds(5)).until(() -> received.contains("xdpguard/v1/lab/web01/alert"));
            }

            var noClientCert = TlsFiles.socketFactory(pki("ca.pem"), null, null);
            try (PahoLink anonymous = link(broker, "anonymous", noClientCert)) {
                assertThatThrownBy(() -> anonymous.connect(Duration.ofSeconds(5)))
                        .isInstanceOf(MqttLink.LinkException.class).hasMessageContaining("ssl://127.0.0.1");
            }
            var otherCa = TlsFiles.socketFactory(pki("web01.pem"), pki("web01.pem"), pki("web01.key"));
            try (PahoLink untrusting = link(broker, "untrusting", otherCa)) {
                assertThatThrownBy(() -> untrusting.connect(Duration.ofSeconds(5)))
                        .as("a broker certificate not signed by the configured CA").isInstanceOf(MqttLink.LinkException.class);
            }
        }
    }

    @Test
    void userNameAndPasswordAreSentAndAWrongOneIsRefused() throws Exception {
        Path brokerDir = Files.createDirectories(dir.resolve("broker-pw"));
        Path passwords = brokerDir.resolve("passwd");
        Shell.check("mosquitto_passwd", "-b", "-c", passwords.toString(), "web01", "s3cret-pass");
        try (Mosquitto broker = new Mosquitto(brokerDir, List.of("allow_anonymous false",
                "password_file " + passwords)).start()) {
            String url = "tcp://127.0.0.1:" + broker.port();
            try (PahoLink good = new PahoLink(new LinkOptions(url, "xdpguard-lab-web01", "web01",
                    "s3cret-pass".toCharArray(), null, 10, null))) {
                good.connect(Duration.ofSeconds(5));
                assertThat(good.isConnected()).isTrue();
            }
            try (PahoLink bad = new PahoLink(new LinkOptions(url, "xdpguard-lab-web01", "web01",
                    "wrong".toCharArray(), null, 10, null))) {
                assertThatThrownBy(() -> bad.connect(Duration.ofSeconds(5))).isInstanceOf(MqttLink.LinkException.class);
            }
        }
    }

    @Test
    void aKeyInTheOldFormatGetsTheCommandThatConvertsIt() throws Exception {
        makePki();
        Shell.check("openssl", "ec", "-in", pki("web01.key").toString(), "-out", pki("web01-sec1.key").toString());
        assertThat(Files.readString(pki("web01-sec1.key"))).contains("BEGIN EC PRIVATE KEY");
        assertThatThrownBy(() -> TlsFiles.socketFactory(pki("ca.pem"), pki("web01.pem"), pki("web01-sec1.key")))
                .hasMessageContaining("openssl pkcs8 -topk8");
    }
}
