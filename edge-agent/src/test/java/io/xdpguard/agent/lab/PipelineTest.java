package io.xdpguard.agent.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xdpguard.protocol.Action;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.CommandRequest;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.AlertKind;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.HostState;
import io.xdpguard.protocol.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real pipeline: XDP Guard on a veth, a SYN flood from hping3 in a namespace, a real Mosquitto and a
 * real subscriber. The tests run in order, as one story of one agent's life.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineTest {
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    static Path dir;
    static Lab lab;
    static Mosquitto broker;
    static Subscriber subscriber;
    static AgentProcess agent;
    static ServerSocket service;

    static Path config;

    static String guardConfig(String mode) {
        return String.join("\n", "site: lab", "host: h1", "guard:", "  mode: " + mode, "  targetSynPerSec: 5000",
                "  sourceSynPerSec: 2000", "incidents:", "  quietMs: 2000", "");
    }

    @BeforeAll
    static void setUp() throws Exception {
        io.xdpguard.agent.bpf.RequiresRoot.check();
        lab = new Lab("xgp", 41).up();
        config = dir.resolve("agent.yaml");
        broker = new Mosquitto(Files.createDirectories(dir.resolve("broker"))).start();
        subscriber = new Subscriber(broker.url(), "pipeline-test").connect();
        service = new ServerSocket(8080, 200, InetAddress.getByName(lab.hostAddress));
        Thread.ofPlatform().daemon().name("lab-service").start(() -> {
            while (!service.isClosed()) {
                try (Socket s = service.accept()) {
                    s.getOutputStream().write("ok\n".getBytes());
                } catch (IOException e) {
                    // closed
                }
            }
        });
        Files.writeString(config, guardConfig("monitor"));
        agent = AgentProcess.start(dir.resolve("agent.log"), "--config", config.toString(), "-i", lab.hostIface,
                "--broker", broker.url(), "--outbox", dir.resolve("outbox").toString());
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (service != null) {
            service.close();
        }
        if (subscriber != null) {
            subscriber.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static String log() {
        return "\n--- agent log ---\n" + agent.log();
    }

    @Test
    @Order(1)
    void theAgentAnnouncesItselfOnlineWithNativeXdpAndSendsTelemetry() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(subscriber.statuses)
                .as("retained online status" + log()).isNotEmpty());
        Status status = subscriber.statuses.getLast().message();
        assertThat(status.state()).isEqualTo(HostState.ONLINE);
        assertThat(status.iface()).isEqualTo(lab.hostIface);
        assertThat(status.attachMode()).isEqualTo("native");
        assertThat(status.thresholds().targetSynPerSec()).isEqualTo(5000);
        assertThat(lab.xdpOnHost()).isNotEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.telemetry.size() >= 2);
    }

    @Test
    @Order(2)
    void lowRateRealConnectionsRaiseNoAlert() {
        var result = lab.inNamespace("bash", "-c", "for i in $(seq 40); do exec 3<>/dev/tcp/" + lab.hostAddress
                + "/8080 && head -c 3 <&3 >/dev/null; exec 3>&-; sleep 0.02; done");
        assertThat(result.exit()).as(result.output()).isZero();
        // The connections were seen by the kernel program (counted as SYNs) ...
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.telemetry.stream()
                .mapToLong(t -> t.message().synPerSec()).sum() >= 40);
        // ... and judged harmless: wait for the telemetry second after them, then no alert.
        int seen = subscriber.telemetry.size();
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.telemetry.size() > seen + 1);
        assertThat(subscriber.alerts).as("alerts for 40 real connections" + log()).isEmpty();
    }

    @Test
    @Order(3)
    void aSynFloodBecomesAStartAlertAndEndsAfterTheFloodStops() throws Exception {
        Process flood = lab.synFlood(80, 20_000, 100, dir.resolve("hping3.log"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(subscriber.alertMessages())
                .as("flood start alert" + log()).anyMatch(a -> a.kind() == AlertKind.SYN_FLOOD
                        && a.state() == AlertState.START));
        Alert start = subscriber.alertMessages().stream().filter(a -> a.kind() == AlertKind.SYN_FLOOD).findFirst()
                .orElseThrow();
        assertThat(start.target().address()).isEqualTo(lab.hostAddress);
        assertThat(start.target().port()).isEqualTo(80);
        assertThat(start.synPerSec()).isGreaterThanOrEqualTo(5000);
        assertThat(start.topSources()).extracting(s -> s.address()).contains(lab.attackerAddress);
        assertThat(start.completionRatio()).isLessThan(0.1);
        flood.waitFor();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(subscriber.alertMessages())
                .as("flood end alert" + log()).anyMatch(a -> a.incident().equals(start.incident())
                        && a.state() == AlertState.END));
        var ofIncident = subscriber.alertMessages().stream().filter(a -> a.incident().equals(start.incident())).toList();
        assertThat(ofIncident.getFirst().state()).isEqualTo(AlertState.START);
        assertThat(ofIncident.getLast().state()).isEqualTo(AlertState.END);
        assertThat(ofIncident).extracting(Alert::seq).isSorted();
    }

    @Test
    @Order(4)
    void anEditedConfigAppliesLiveOnSighupWithoutReattaching() throws Exception {
        String program = lab.xdpOnHost();
        Files.writeString(config, guardConfig("shadow"));
        agent.signal("HUP");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(subscriber.statuses.getLast().message()
                .mode()).as("mode after reload" + log()).isEqualTo(GuardMode.SHADOW));
        assertThat(lab.xdpOnHost()).as("same program, not re-attached").isEqualTo(program);
    }

    @Test
    @Order(5)
    void enforceModeByConsoleCommandDropsTheFloodInTheKernel() throws Exception {
        subscriber.request("lab", "h1", new CommandRequest(1, "cmd-enforce", CommandRequest.SET_MODE,
                java.util.Map.of("mode", "enforce"), System.currentTimeMillis()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(subscriber.replies)
                .as("command reply" + log()).anySatisfy(r -> {
                    assertThat(r.id()).isEqualTo("cmd-enforce");
                    assertThat(r.ok()).isTrue();
                    assertThat(r.status().mode()).isEqualTo(GuardMode.ENFORCE);
                }));
        Process flood = lab.synFlood(80, 30_000, 100, dir.resolve("hping3-enforce.log"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(subscriber.telemetry)
                .as("dropped/s in telemetry" + log()).anyMatch(t -> t.message().droppedPerSec() > 1000
                        && t.message().mode() == GuardMode.ENFORCE));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(subscriber.alertMessages())
                .anyMatch(a -> a.action() == Action.DROPPED));
        flood.destroy();
        flood.waitFor();
    }

    @Test
    @Order(6)
    void aRequestWithAnUnknownActionGetsAClearRefusal() throws Exception {
        subscriber.request("lab", "h1", new CommandRequest(1, "cmd-bad", "reboot", java.util.Map.of(),
                System.currentTimeMillis()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(subscriber.replies)
                .anySatisfy(r -> {
                    assertThat(r.id()).isEqualTo("cmd-bad");
                    assertThat(r.ok()).isFalse();
                    assertThat(r.message()).contains("unknown action 'reboot'");
                }));
    }

    @Test
    @Order(7)
    void sigtermPublishesOfflineDetachesXdpAndExitsZero() throws Exception {
        assertThat(agent.terminate()).as("exit code" + log()).isZero();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(subscriber.statuses.getLast().message()
                .state()).isEqualTo(HostState.OFFLINE));
        assertThat(lab.xdpOnHost()).as("XDP program left on " + lab.hostIface).isEmpty();
        assertThat(agent.log()).contains("XDP Guard detached").doesNotContain("Exception");
    }
}
