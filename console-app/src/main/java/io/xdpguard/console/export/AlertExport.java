package io.xdpguard.console.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xdpguard.console.disk.ReplaceFile;
import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.protocol.Alert;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes the rows an analyst filtered to CSV (RFC 4180, for spreadsheets) or JSON (each wire alert plus the
 * console's fields, for tooling). Written to a temporary file and moved, so a failed export never leaves
 * half a file under the chosen name.
 */
public final class AlertExport {
    public static final List<String> CSV_COLUMNS = List.of("severity", "time", "site", "host", "kind", "state",
            "target", "peak_syn_per_sec", "top_sources", "mode", "action", "id", "incident", "broker",
            "received_at", "acknowledged_at");

    private final ObjectMapper mapper;

    public AlertExport(ObjectMapper mapper) {
        this.mapper = mapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public void csv(List<AlertEntry> rows, Path file) throws IOException {
        ReplaceFile.write(file, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(String.join(",", CSV_COLUMNS));
                w.write("\r\n");
                for (AlertEntry e : rows) {
                    Alert a = e.alert();
                    List<String> cells = List.of(a.severity().wire(), Instant.ofEpochMilli(a.detectedAt()).toString(),
                            a.site(), a.host(), a.kind().wire(), a.state().wire(), a.target().toString(),
                            Long.toString(a.peakSynPerSec()), e.topSourcesText(), a.mode().wire(), a.action().wire(),
                            a.id(), a.incident(), e.broker() == null ? "" : e.broker(),
                            Instant.ofEpochMilli(e.receivedAt()).toString(),
                            e.acknowledgedAt() == null ? "" : Instant.ofEpochMilli(e.acknowledgedAt()).toString());
                    w.write(String.join(",", cells.stream().map(AlertExport::quote).toList()));
                    w.write("\r\n");
                }
            }
        });
    }

    public void json(List<AlertEntry> rows, Path file) throws IOException {
        ArrayNode out = mapper.createArrayNode();
        for (AlertEntry e : rows) {
            ObjectNode row = out.addObject();
            row.set("alert", mapper.valueToTree(e.alert()));
            row.put("broker", e.broker());
            row.put("receivedAt", e.receivedAt());
            if (e.acknowledgedAt() == null) {
                row.putNull("acknowledgedAt");
            } else {
                row.put("acknowledgedAt", e.acknowledgedAt());
            }
        }
        ReplaceFile.write(file, tmp -> mapper.writeValue(tmp.toFile(), out));
    }

    /** Quotes when needed; a leading formula character is neutralised so a spreadsheet never runs a cell. */
    static String quote(String cell) {
        String c = cell;
        if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?\\d+")) {
            c = "'" + c;
        }
        if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
            return "\"" + c.replace("\"", "\"\"") + "\"";
        }
        return c;
    }
}
