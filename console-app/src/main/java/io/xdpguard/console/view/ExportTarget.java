package io.xdpguard.console.view;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/**
 * Asks where an export goes: a Save dialog in the console ({@link #saveDialog()}). Called on the FX thread;
 * empty when the analyst cancels. An interface of ours because a native dialog cannot be driven by a UI
 * test: tests answer for the analyst.
 */
@FunctionalInterface
public interface ExportTarget {
    enum Format {
        CSV("CSV", "csv"), JSON("JSON", "json");

        private final String label;
        private final String extension;

        Format(String label, String extension) {
            this.label = label;
            this.extension = extension;
        }

        public String label() {
            return label;
        }

        public String extension() {
            return extension;
        }
    }

    /** What the console proposes: the export folder, a timestamped file name, the format. */
    record Proposal(Path folder, String fileName, Format format) {
        public Path path() {
            return folder.resolve(fileName);
        }
    }

    Optional<Path> choose(Proposal proposal, Window owner);

    /** The console's: a native Save dialog (javafx.stage.FileChooser). */
    static ExportTarget saveDialog() {
        return new SaveDialog();
    }
}
