package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.store.AlertHistory;
import io.xdpguard.protocol.Codec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history database's own promises: an older console's history opens and is kept; every alert is stored once. */
class HistoryStoreTest {
    @TempDir
    Path dir;
    private final Codec codec = new Codec();


    private AlertHistory open() throws Exception {
        return new AlertHistory(dir, codec.mapper(), Clock.systemUTC(), Duration.ofDays(1), 1_000);
    }

    private Connection jdbc() throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("history").toAbsolutePath(), "xdpguard", "");
    }

    @Test
    void aHistoryWrittenByTheEarlierConsoleIsConvertedAndKept() throws Exception {
        long now = System.currentTimeMillis();
        AlertEntry old = Messages.storedAlert("from-before", now - 5_000);
        // The table as the previous console release created it: the alert JSON in a CLOB.
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE alert (
                      site VARCHAR(64) NOT NULL, host VARCHAR(64) NOT NULL, id VARCHAR(128) NOT NULL,
                      broker VARCHAR(64), received_at BIGINT NOT NULL, acknowledged_at BIGINT,
                      severity VARCHAR(16) NOT NULL, payload CLOB NOT NULL,
                      PRIMARY KEY (site, host, id))""");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, "s");
                ps.setString(2, "h");
                ps.setString(3, "from-before");
                ps.setString(4, "b");
                ps.setLong(5, old.receivedAt());
                ps.setObject(6, now - 1_000);
                ps.setString(7, "high");
                ps.setString(8, codec.mapper().writeValueAsString(old.alert()));
                ps.executeUpdate();
            }
        }
        try (AlertHistory h = open()) {
            h.recorded(List.of(Messages.storedAlert("after", now)));
            h.flush(Duration.ofSeconds(10));
            List<AlertEntry> back = h.recent(10);
            assertThat(back).extracting(e -> e.alert().id()).containsExactly("from-before", "after");
            assertThat(back.getFirst().alert()).isEqualTo(old.alert());
            assertThat(back.getFirst().acknowledgedAt()).isEqualTo(now - 1_000);
        }
        try (Connection c = jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'ALERT' AND COLUMN_NAME = 'PAYLOAD'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("CHARACTER VARYING");
        }
    }

    @Test
    void aReplayOfAnAlertAlreadyStoredIsKeptOnceWithoutLosingItsBatch() throws Exception {
        long now = System.currentTimeMillis();
        try (AlertHistory h = open()) {
            h.recorded(List.of(Messages.storedAlert("a", now - 2)));
            h.acknowledged(List.of(Messages.storedAlert("a", now - 2).acknowledge(now)));
            h.flush(Duration.ofSeconds(10));
            // Long after the fleet forgot its id, an agent replays "a": stored already. The new alert that comes
            // in the same batch must still be stored, and the acknowledgement of "a" must survive.
            h.recorded(List.of(Messages.storedAlert("a", now - 2), Messages.storedAlert("b", now - 1)));
            h.flush(Duration.ofSeconds(10));
            assertThat(h.count()).isEqualTo(2);
            assertThat(h.recent(10)).extracting(e -> e.alert().id() + (e.acknowledged() ? " acked" : ""))
                    .containsExactly("a acked", "b");
        }
    }
}
