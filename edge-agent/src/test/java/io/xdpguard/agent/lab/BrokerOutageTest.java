package io.xdpguard.agent.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertKind;
import io.xdpguard.protocol.AlertState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker dies during a flood and comes back: every alert reaches the subscriber once by id, in order. */
class BrokerOutageTest {
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    private static long pendingInJournal(Path journal) throws Exception {
        if (!Files.exists(journal)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(journal);
        return lines.stream().filter(l -> l.startsWith("A ")).count() - lines.stream().filter(l -> l.startsWith("K ")).count();
    }

    @Test
    void noAlertIsLostOrReorderedAcrossABrokerRestart() throws Exception {
        io.xdpguard.agent.bpf.RequiresRoot.check();
        Path outbox = dir.resolve("outbox");
        try (Lab lab = new Lab("xgo", 42).up();
             Mosquitto broker = new Mosquitto(Files.createDirectories(dir.resolve("broker"))).start();
             Subscriber subscriber = new Subscriber(broker.url(), "outage-test").connect();
             AgentProcess agent = AgentProcess.start(dir.resolve("agent.log"), "-i", lab.hostIface, "--site", "lab",
                     "--host", "h2", "--broker", broker.url(), "--outbox", outbox.toString(),
                     "--target-syn-per-sec", "5000", "--source-syn-per-sec", "2000", "--quiet-ms", "2000")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !subscriber.statuses.isEmpty());

            // 10,000 SYN/s for 8 s: the kernel reports it once a second, so updates keep coming.
            Process flood = lab.synFlood(80, 80_000, 100, dir.resolve("hping3.log"));
            await().atMost(Duration.ofSeconds(10)).alias("start alert\n" + agent.log())
                    .until(() -> subscriber.alertMessages().stream().anyMatch(a -> a.state() == AlertState.START));

            broker.stop();
            // Alerts keep being made while the broker is away; they wait in the journal on disk.
            await().atMost(Duration.ofSeconds(10)).alias("alerts journaled during the outage\n" + agent.log())
                    .until(() -> pendingInJournal(outbox.resolve("journal.log")) >= 2);
            broker.start();
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> {
                subscriber.reconnect();
                return subscriber.connected();
            });
            flood.waitFor();
            await().atMost(Duration.ofSeconds(30)).alias("end alert after the outage\n" + agent.log())
                    .until(() -> subscriber.alertMessages().stream()
                            .anyMatch(a -> a.kind() == AlertKind.SYN_FLOOD && a.state() == AlertState.END));
            await().atMost(Duration.ofSeconds(10)).until(() -> pendingInJournal(outbox.resolve("journal.log")) == 0);

            Map<String, Alert> byId = new LinkedHashMap<>();
            subscriber.alertMessages().forEach(a -> byId.putIfAbsent(a.id(), a));
            List<Long> seqs = byId.values().stream().map(Alert::seq).toList();
            long first = seqs.getFirst();
            assertThat(seqs).as("every alert the agent made, once each, in the order it made them")
                    .isEqualTo(java.util.stream.LongStream.range(first, first + seqs.size()).boxed().toList());
            assertThat(first).isZero();
            assertThat(byId.size()).as("alerts made during the outage arrived too").isGreaterThanOrEqualTo(4);
        }
    }
}
