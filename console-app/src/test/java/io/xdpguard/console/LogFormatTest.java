package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The console's log lines, as journald keeps them and an operator greps them. */
class LogFormatTest {

    private static LogRecord record(Level level, String message, Object... params) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName("io.xdpguard.console.Startup");
        r.setInstant(Instant.parse("2026-12-01T15:51:12.433Z"));
        r.setParameters(params);
        return r;
    }

    @Test
    void oneKeyValueLineInUtcWithNumbersWrittenPlainly() {
        String line = new LogFormat().format(record(Level.INFO,
                "event=warm_up_done alerts={0} ratio={1} via=\"{2}\" ms={3}", 3_000, 0.25, "loopback MQTT", 1_864L));
        assertThat(line).isEqualTo("2026-12-01T15:51:12.433Z level=INFO logger=io.xdpguard.console.Startup "
                + "event=warm_up_done alerts=3000 ratio=0.25 via=\"loopback MQTT\" ms=1864" + System.lineSeparator());
    }

    @Test
    void aFailureKeepsItsStackTraceAfterTheLine() {
        LogRecord r = record(Level.SEVERE, "event=history_write_failed detail=\"{0}\"", "disk full");
        r.setThrown(new IllegalStateException("disk full"));
        String text = new LogFormat().format(r);
        assertThat(text.lines().findFirst()).contains("2026-12-01T15:51:12.433Z level=SEVERE "
                + "logger=io.xdpguard.console.Startup event=history_write_failed detail=\"disk full\"");
        assertThat(text).contains("java.lang.IllegalStateException: disk full")
                .contains("at io.xdpguard.console.LogFormatTest");
    }
}
