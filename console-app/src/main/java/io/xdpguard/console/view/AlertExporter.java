package io.xdpguard.console.view;

import io.xdpguard.console.export.AlertExport;
import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.view.ExportTarget.Format;
import io.xdpguard.console.view.ExportTarget.Proposal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.scene.control.Label;
import javafx.stage.Window;

/**
 * Exports the alerts as shown: asks where ({@link ExportTarget}, a Save dialog proposing the export folder
 * and a timestamped name), writes on the export thread, and says in one label what happened: where the rows
 * went, that nothing was written (cancel), or why not. The writing is off the FX thread because the chosen
 * place may be a slow network share; its outcome is picked up by the frame pump, like every other change.
 */
final class AlertExporter {
    private static final System.Logger LOG = System.getLogger(AlertExporter.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneId.systemDefault());

    /** An export being written: the file, how many rows, and the write itself. */
    private record InFlight(Path file, int rows, CompletableFuture<Void> write) {
    }

    private final AlertExport export;
    private final ExportTarget target;
    private final Path folder;
    private final Clock clock;
    private final Executor writer;
    private final Label result = new Label();
    private InFlight inFlight;

    AlertExporter(AlertExport export, ExportTarget target, Path folder, Clock clock, Executor writer) {
        this.export = export;
        this.target = target;
        this.folder = folder;
        this.clock = clock;
        this.writer = writer;
        result.setId("export-result");
        result.setWrapText(true);
        result.setMaxWidth(Double.MAX_VALUE);
        result.setMinWidth(0);
    }

    Label result() {
        return result;
    }

    /** {@code rows} as they were shown when the analyst asked: the table keeps moving under an open dialog. */
    void export(List<AlertEntry> rows, Format format, Window owner) {
        if (inFlight != null) {
            show("Still writing " + inFlight.file() + ": export again when it is done.", "muted");
            return;
        }
        Proposal proposal = new Proposal(folder, "alerts-" + STAMP.format(clock.instant()) + "." + format.extension(),
                format);
        Optional<Path> chosen = target.choose(proposal, owner);
        if (chosen.isEmpty()) {
            show("Export cancelled: nothing written.", "muted");
            return;
        }
        Path file = chosen.get();
        show("Exporting " + ViewText.count(rows.size(), "row") + " to " + file + "…", "muted");
        inFlight = new InFlight(file, rows.size(), CompletableFuture.runAsync(() -> {
            try {
                if (format == Format.JSON) {
                    export.json(rows, file);
                } else {
                    export.csv(rows, file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, writer));
    }

    /** Every frame: a finished export says how it went. */
    void everyFrame() {
        if (inFlight == null || !inFlight.write().isDone()) {
            return;
        }
        InFlight done = inFlight;
        Path file = done.file();
        inFlight = null;
        try {
            done.write().join();
            show("Exported " + ViewText.count(done.rows(), "row") + " to " + file, "form-ok");
            LOG.log(Level.INFO, "event=export rows={0} file={1}", done.rows(), file);
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            String why = cause instanceof IOException io ? reason(io) : String.valueOf(cause);
            show("Export failed: cannot write " + file + " (" + why + "). Nothing there was changed: export again "
                    + "to choose another place.", "form-error");
            LOG.log(Level.WARNING, "event=export_failed file={0} detail=\"{1}\"", file, why);
        }
    }

    /** The operating system's reason in words an analyst can act on. */
    static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException denied -> "permission denied";
            case NoSuchFileException missing -> "no such file or folder: " + missing.getFile();
            case FileAlreadyExistsException exists -> exists.getFile() + " is in the way: it is not a folder";
            case FileSystemException fs when fs.getReason() != null -> fs.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.toString();
        };
    }

    private void show(String text, String style) {
        result.getStyleClass().setAll("label", style);
        result.setText(text);
    }
}
