package io.xdpguard.agent;

import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** One log record per line, {@code time level logger message}, for journald; stack traces follow indented. */
public final class LineFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160)
                .append(Instant.ofEpochMilli(record.getMillis())).append(' ')
                .append(record.getLevel().getName()).append(' ')
                .append(record.getLoggerName()).append(' ')
                .append(formatMessage(record).replace('\n', ' '))
                .append('\n');
        if (record.getThrown() != null) {
            for (StackTraceElement e : record.getThrown().getStackTrace()) {
                line.append("    at ").append(e).append('\n');
            }
        }
        return line.toString();
    }

    /** Routes java.util.logging (and so System.Logger) to stderr through this formatter. */
    public static void install(boolean verbose) {
        var root = java.util.logging.Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        var handler = new java.util.logging.StreamHandler(System.err, new LineFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(java.util.logging.Level.ALL);
        root.addHandler(handler);
        root.setLevel(verbose ? java.util.logging.Level.FINE : java.util.logging.Level.INFO);
        // Paho logs every reconnect attempt at length; our own lines say what matters.
        java.util.logging.Logger.getLogger("org.eclipse.paho").setLevel(java.util.logging.Level.SEVERE);
    }
}
