package io.xdpguard.console.view;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The native Save dialog, starting in the export folder with the proposed name and the format's extension
 * filter. The dialog itself asks before replacing a file it was shown.
 */
final class SaveDialog implements ExportTarget {
    private static final System.Logger LOG = System.getLogger(SaveDialog.class.getName());

    @Override
    public Optional<Path> choose(Proposal proposal, Window owner) {
        FileChooser chooser = new FileChooser();
        String ext = proposal.format().extension();
        chooser.setTitle("Export shown alerts as " + proposal.format().label());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
                proposal.format().label() + " files (*." + ext + ")", "*." + ext));
        chooser.setInitialFileName(proposal.fileName());
        try {
            // A folder that does not exist would leave the dialog wherever the toolkit likes to start.
            Files.createDirectories(proposal.folder());
            chooser.setInitialDirectory(proposal.folder().toFile());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event=export_folder_unusable folder={0} detail=\"{1}\"",
                    proposal.folder(), e.getMessage());
        }
        File picked = chooser.showSaveDialog(owner);
        if (picked == null) {
            return Optional.empty();
        }
        return withExtension(picked.toPath(), ext, owner);
    }

    /**
     * GTK's dialog does not add the extension when the analyst types a bare name, and a file without one does
     * not open in a spreadsheet: it is added here. That name was not shown in the dialog, so replacing a file
     * of that name is asked here, Cancel being the default.
     */
    private static Optional<Path> withExtension(Path picked, String ext, Window owner) {
        String name = picked.getFileName().toString();
        if (name.contains(".")) {
            return Optional.of(picked);
        }
        Path file = picked.resolveSibling(name + "." + ext);
        if (!Files.exists(file)) {
            return Optional.of(file);
        }
        ButtonType replace = new ButtonType("Replace", ButtonBar.ButtonData.OK_DONE);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, file + " already exists. Replace it?", replace,
                ButtonType.CANCEL);
        ask.setTitle("Export");
        ask.setHeaderText("Replace " + file.getFileName() + "?");
        if (owner != null) {
            ask.initOwner(owner);
            ask.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        ((Button) ask.getDialogPane().lookupButton(replace)).setDefaultButton(false);
        ((Button) ask.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return ask.showAndWait().filter(replace::equals).map(b -> file);
    }
}
