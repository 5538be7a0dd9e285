package io.xdpguard.console.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The alert history's one table, and what an older console's database needs to match it. */
final class HistorySchema {
    private static final System.Logger LOG = System.getLogger(HistorySchema.class.getName());

    private HistorySchema() {
    }

    /** Connects to {@code url} and makes (or brings up to date) the alert table. */
    static Connection open(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url, "xdpguard", "");
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS alert (
                      site VARCHAR(64) NOT NULL, host VARCHAR(64) NOT NULL, id VARCHAR(128) NOT NULL,
                      broker VARCHAR(64), received_at BIGINT NOT NULL, acknowledged_at BIGINT,
                      severity VARCHAR(16) NOT NULL, payload VARCHAR(1000000) NOT NULL,
                      PRIMARY KEY (site, host, id))""");
            inlinePayloads(s);
            s.execute("CREATE INDEX IF NOT EXISTS alert_received ON alert(received_at)");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * The alert JSON is stored inline (VARCHAR), not as a CLOB: H2 keeps every CLOB in its LOB store, and at a
     * burst of 2,000 alerts a second that bookkeeping was most of the history thread's time (JFR). A history
     * written by an earlier console still has the CLOB column: converted once, in place.
     */
    private static void inlinePayloads(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE TABLE_NAME = 'ALERT' AND COLUMN_NAME = 'PAYLOAD'")) {
            if (!rs.next() || !rs.getString(1).contains("LARGE OBJECT")) {
                return;
            }
        }
        s.execute("ALTER TABLE alert ALTER COLUMN payload SET DATA TYPE VARCHAR(1000000)");
        LOG.log(Level.INFO, "event=history_migrated detail=\"alert payload stored inline\"");
    }
}
