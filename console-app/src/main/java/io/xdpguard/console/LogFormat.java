package io.xdpguard.console;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per record, key=value friendly, for journald and grep: UTC time, level, logger, message. System.Logger
 * goes to java.util.logging; this formatter is set on its root handlers at start.
 *
 * <p>Numbers in a message are written plainly ({@code ms=1257}, not {@code ms=1,257} as MessageFormat would, which
 * a key=value parser reads as two fields). The time is UTC whatever the machine's zone, since it ends in "Z".
 * The formatter is set on the handler rather than through SimpleFormatter's format property: that property is
 * read once, when the first record is formatted, and JavaFX may log before the console starts.
 */
final class LogFormat extends Formatter {

    static void install() {
        LogFormat format = new LogFormat();
        for (Handler h : Logger.getLogger("").getHandlers()) {
            h.setFormatter(format);
        }
    }

    @Override
    public String format(LogRecord r) {
        String thrown = "";
        if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                out.println();
                r.getThrown().printStackTrace(out);
            }
            thrown = trace.toString().stripTrailing();
        }
        return String.format(Locale.ROOT, "%1$tFT%1$tT.%1$tLZ level=%2$s logger=%3$s %4$s%5$s%n",
                r.getInstant().atZone(ZoneOffset.UTC), r.getLevel().getName(), r.getLoggerName(), formatMessage(r),
                thrown);
    }

    @Override
    public String formatMessage(LogRecord r) {
        Object[] params = r.getParameters();
        if (params == null || params.length == 0) {
            return super.formatMessage(r);
        }
        Object[] plain = params.clone();
        for (int i = 0; i < plain.length; i++) {
            if (plain[i] instanceof Number n) {
                plain[i] = String.valueOf(n);
            }
        }
        LogRecord copy = new LogRecord(r.getLevel(), r.getMessage());
        copy.setParameters(plain);
        copy.setResourceBundle(r.getResourceBundle());
        copy.setResourceBundleName(r.getResourceBundleName());
        return super.formatMessage(copy);
    }
}
