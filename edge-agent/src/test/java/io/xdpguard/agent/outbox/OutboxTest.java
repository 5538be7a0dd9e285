package io.xdpguard.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.protocol.Action;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertKind;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.Endpoint;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    private final Codec codec = new Codec();
    @TempDir
    Path dir;

    static Alert alert(long seq) {
        return new Alert(1, "lab", "h1", "h1-inc." + seq, "h1-inc", seq, AlertKind.SYN_FLOOD, AlertState.UPDATE,
                Severity.HIGH, new Endpoint("198.18.0.2", 80), null, 10_000, 10_000, 5000, 0, 0, List.of(),
                GuardMode.MONITOR, Action.OBSERVED, 1, 2, 3, null, 4);
    }

    @Test
    void unacknowledgedAlertsSurviveARestartInOrderWithTheirIds() throws Exception {
        try (Outbox outbox = Outbox.open(dir, codec)) {
            for (int i = 0; i < 5; i++) {
                outbox.append(alert(outbox.nextSeq()));
            }
            outbox.acknowledge(outbox.peek(0, TimeUnit.MILLISECONDS));
            outbox.acknowledge(outbox.peek(0, TimeUnit.MILLISECONDS));
        }
        try (Outbox reopened = Outbox.open(dir, codec)) {
            assertThat(reopened.snapshot()).extracting(Alert::id).containsExactly("h1-inc.2", "h1-inc.3", "h1-inc.4");
            assertThat(reopened.nextSeq()).as("sequence numbers never repeat after a restart").isEqualTo(5);
        }
    }

    @Test
    void sequenceNumbersStayUniqueWhenEverythingWasAcknowledged() throws Exception {
        try (Outbox outbox = Outbox.open(dir, codec)) {
            for (int i = 0; i < 3; i++) {
                Alert a = alert(outbox.nextSeq());
                outbox.append(a);
                outbox.acknowledge(a);
            }
        }
        try (Outbox reopened = Outbox.open(dir, codec)) {
            assertThat(reopened.size()).isZero();
            assertThat(reopened.nextSeq()).isEqualTo(3);
        }
    }

    @Test
    void aTornLastLineFromACrashIsSkippedAndTheRestKept() throws Exception {
        try (Outbox outbox = Outbox.open(dir, codec)) {
            outbox.append(alert(outbox.nextSeq()));
            outbox.append(alert(outbox.nextSeq()));
        }
        Files.writeString(dir.resolve("journal.log"), "A {\"schema\":1,\"site\":\"la", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (Outbox reopened = Outbox.open(dir, codec)) {
            assertThat(reopened.snapshot()).extracting(Alert::seq).containsExactly(0L, 1L);
        }
    }

    @Test
    void theJournalIsCompactedSoItDoesNotGrowForever() throws Exception {
        try (Outbox outbox = Outbox.open(dir, codec)) {
            for (int i = 0; i < 2500; i++) {
                Alert a = alert(outbox.nextSeq());
                outbox.append(a);
                outbox.acknowledge(a);
            }
        }
        assertThat(Files.readAllLines(dir.resolve("journal.log")).size()).isLessThan(1100);
    }

    @Test
    void peekWaitsForTheNextAlert() throws Exception {
        try (Outbox outbox = Outbox.open(dir, codec)) {
            Thread.ofPlatform().start(() -> outbox.append(alert(7)));
            assertThat(outbox.peek(5, TimeUnit.SECONDS)).extracting(Alert::seq).isEqualTo(7L);
        }
    }
}
