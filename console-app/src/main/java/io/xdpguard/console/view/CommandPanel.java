package io.xdpguard.console.view;

import io.xdpguard.console.model.CommandOutcome;
import io.xdpguard.console.model.HostKey;
import io.xdpguard.console.model.HostSnapshot;
import io.xdpguard.console.mqtt.AgentCommands;
import io.xdpguard.protocol.CommandRequest;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Status;
import io.xdpguard.protocol.Thresholds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The host's guard mode and thresholds, changed through the agent's {@code cmd} topic. One command at a time:
 * it shows as pending until the agent's reply (ok / refused, with the agent's message) or the timeout. Enforce
 * drops real traffic, so it asks first. The outcome is picked up by the frame pump, not by a callback per
 * reply, so the FX thread keeps its one way in.
 */
final class CommandPanel {
    static final ButtonType ENFORCE = new ButtonType("Enforce", ButtonBar.ButtonData.OK_DONE);

    private final AgentCommands commands;
    private final ChoiceBox<GuardMode> mode = new ChoiceBox<>();
    private final TextField windowMs = field("cmd-window-ms", "window ms");
    private final TextField targetSyn = field("cmd-target-syn", "per target");
    private final TextField sourceSyn = field("cmd-source-syn", "per source");
    private final TextField blockMs = field("cmd-block-ms", "block ms");
    private final Button setMode = new Button("Apply mode");
    private final Button setThresholds = new Button("Apply thresholds");
    private final Button status = new Button("Ask status");
    private final Label result = new Label("Select a host to send it commands.");
    private final VBox root;
    private HostSnapshot host;
    private CompletableFuture<CommandOutcome> inFlight;
    private String inFlightWhat;

    CommandPanel(AgentCommands commands) {
        this.commands = commands;
        mode.getItems().setAll(GuardMode.values());
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(GuardMode m) {
                return m == null ? "" : switch (m) {
                    case MONITOR -> "monitor (count only)";
                    case SHADOW -> "shadow (count would-drop)";
                    case ENFORCE -> "enforce (DROP)";
                };
            }

            @Override
            public GuardMode fromString(String s) {
                throw new UnsupportedOperationException("choices are not typed");
            }
        });
        mode.setId("cmd-mode");
        setMode.setId("cmd-set-mode");
        setMode.setOnAction(e -> applyMode());
        setThresholds.setId("cmd-set-thresholds");
        setThresholds.setOnAction(e -> applyThresholds());
        status.setId("cmd-status");
        status.setOnAction(e -> send(CommandRequest.STATUS, Map.of(), "status"));
        result.setId("command-result");
        result.setWrapText(true);

        Label heading = new Label("Commands");
        heading.getStyleClass().add("heading");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, muted("guard mode"), mode, setMode);
        grid.addRow(1, muted("window / block ms"), new HBox(6, windowMs, blockMs));
        grid.addRow(2, muted("SYN/s target / source"), new HBox(6, targetSyn, sourceSyn), setThresholds);
        root = new VBox(6, new HBox(10, heading, status), grid, result);
        root.setId("command-panel");
        target(null);
    }

    Node node() {
        return root;
    }

    /** The host shown (or a newer snapshot of it). A new host resets the form to its mode; edits are kept otherwise. */
    void target(HostSnapshot h) {
        HostKey before = host == null ? null : host.key();
        host = h;
        if (h != null && !h.key().equals(before)) {
            mode.setValue(h.mode());
            List.of(windowMs, targetSyn, sourceSyn, blockMs).forEach(TextField::clear);
            if (h.synThreshold() > 0) {
                targetSyn.setText(Long.toString(h.synThreshold()));
            }
            if (inFlight == null) {
                show("", null);
            }
        }
        enable();
    }

    /**
     * Every frame: a finished command shows its outcome. Cheap when nothing is in flight.
     *
     * @return the agent's status after a command it confirmed (the host view shows it at once), else null
     */
    Status everyFrame() {
        if (inFlight == null || !inFlight.isDone()) {
            return null;
        }
        CommandOutcome o = inFlight.join();
        String what = inFlightWhat;
        inFlight = null;
        switch (o.result()) {
            case OK -> {
                show("✓ " + what + ": " + o.message(), "form-ok");
                fill(o.status());
            }
            case REFUSED -> show("✗ " + what + " refused by the agent: " + o.message(), "form-error");
            case TIMED_OUT, FAILED -> show("✗ " + what + ": " + o.message(), "form-error");
        }
        enable();
        return o.status();
    }

    private void applyMode() {
        GuardMode m = mode.getValue();
        if (m == null) {
            show("Choose a mode first.", "form-error");
            return;
        }
        if (m == GuardMode.ENFORCE && !confirmEnforce()) {
            show("Enforce not sent: cancelled.", null);
            return;
        }
        send(CommandRequest.SET_MODE, Map.of("mode", m.wire()), "set mode " + m.wire());
    }

    private boolean confirmEnforce() {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "", ENFORCE, ButtonType.CANCEL);
        ask.setTitle("Enforce mode");
        ask.setHeaderText("Drop traffic on " + host.key() + "?");
        ask.setContentText("In enforce mode the kernel DROPS SYN packets that cross the thresholds, real clients "
                + "included. Shadow mode shows first what would be dropped.");
        ask.getDialogPane().setId("confirm-enforce");
        if (root.getScene() != null) {
            ask.initOwner(root.getScene().getWindow());
            ask.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        }
        // Cancel is the default button: Enter alone must not start dropping traffic.
        ((Button) ask.getDialogPane().lookupButton(ENFORCE)).setDefaultButton(false);
        ((Button) ask.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        Optional<ButtonType> answer = ask.showAndWait();
        return answer.isPresent() && answer.get() == ENFORCE;
    }

    private void applyThresholds() {
        Map<String, String> params = new LinkedHashMap<>();
        try {
            put(params, "windowMs", windowMs);
            put(params, "targetSynPerSec", targetSyn);
            put(params, "sourceSynPerSec", sourceSyn);
            put(params, "blockMs", blockMs);
        } catch (NumberFormatException e) {
            show("Thresholds must be whole numbers: " + e.getMessage(), "form-error");
            return;
        }
        if (params.isEmpty()) {
            show("Fill in at least one threshold (empty ones stay as they are).", "form-error");
            return;
        }
        // Range checks are the agent's: it answers with the reason, shown as a refusal.
        send(CommandRequest.SET_THRESHOLDS, params, "set thresholds");
    }

    private void send(String action, Map<String, String> params, String what) {
        if (host == null || inFlight != null) {
            return;
        }
        inFlightWhat = what;
        inFlight = commands.send(host.broker(), host.key(), action, params);
        show("… " + what + " sent to " + host.key() + ", waiting for the agent (up to "
                + commands.timeout().toSeconds() + " s)", "muted");
        enable();
    }

    private void fill(Status s) {
        // The analyst may have opened another host while the command was out: its form is not this reply's.
        if (s == null || host == null || !host.key().equals(new HostKey(s.site(), s.host()))) {
            return;
        }
        mode.setValue(s.mode());
        Thresholds t = s.thresholds();
        if (t != null) {
            windowMs.setText(Integer.toString(t.windowMs()));
            targetSyn.setText(Long.toString(t.targetSynPerSec()));
            sourceSyn.setText(Long.toString(t.sourceSynPerSec()));
            blockMs.setText(Integer.toString(t.blockMs()));
        }
    }

    private void enable() {
        boolean off = host == null || host.broker() == null || inFlight != null;
        setMode.setDisable(off);
        setThresholds.setDisable(off);
        status.setDisable(off);
    }

    private void show(String text, String style) {
        result.setText(text);
        result.getStyleClass().setAll("label");
        if (style != null) {
            result.getStyleClass().add(style);
        }
    }

    private static void put(Map<String, String> params, String name, TextField f) {
        String v = f.getText() == null ? "" : f.getText().strip();
        if (!v.isEmpty()) {
            params.put(name, Long.toString(Long.parseLong(v)));
        }
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(7);
        return f;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        return l;
    }
}
