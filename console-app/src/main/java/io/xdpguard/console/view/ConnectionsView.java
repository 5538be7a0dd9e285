package io.xdpguard.console.view;

import io.xdpguard.console.model.BrokerState;
import io.xdpguard.console.model.StartupProgress;
import io.xdpguard.console.mqtt.BrokerConnections;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileStore;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Broker profiles: the live state of each connection, and a form to add, change or remove one. A bad field
 * is named in a clear error and nothing is saved; a saved profile (re)connects once it is stored. Reading,
 * saving and removing profiles ask the disk and the desktop keyring, which can take any time: they run on the
 * profile thread ({@link ProfileTasks}) and their outcome is picked up by the frame pump. Meanwhile the form
 * says what is going on, and its buttons wait; the form is never cleared by a failure.
 */
final class ConnectionsView {
    private static final String WAITING = "Checking the desktop keyring: saving and removing profiles wait for it.";
    private final ProfileTasks tasks;
    private final TableView<BrokerState> states = new TableView<>();
    private final ListView<ConnectionProfile> profiles = new ListView<>();
    private final TextField name = field("name", "e.g. site-a");
    private final TextField url = field("url", "tcp://broker:1883 or ssl://broker:8883");
    private final TextField user = field("username", "optional");
    private final PasswordField password = new PasswordField();
    private final TextField ca = field("ca", "CA certificate PEM (ssl:// only)");
    private final TextField cert = field("cert", "client certificate PEM (optional)");
    private final TextField key = field("key", "client PKCS#8 key PEM (optional)");
    private final PasswordField keyPassword = new PasswordField();
    private final TextField sites = field("sites", "comma-separated; empty = every site");
    private final CheckBox enabled = new CheckBox("connect");
    private final Label message = new Label();
    private final Button save = new Button("Save and connect");
    private final Button remove = new Button("Remove");
    private final StartupProgress startup;
    private final VBox root;
    private boolean waitingForSecrets;
    // The one profile task under way (the list at first, then a save or a removal); null when none is.
    private CompletableFuture<ProfileTasks.Done> inFlight;

    ConnectionsView(ProfileStore store, BrokerConnections connections, StartupProgress startup, Executor worker) {
        this.tasks = new ProfileTasks(store, connections, worker);
        this.startup = startup;
        TableColumn<BrokerState, String> detail = col("Detail", BrokerState::detail, 520);
        states.getColumns().addAll(List.of(col("Profile", BrokerState::profile, 120), col("URL", BrokerState::url, 240),
                col("State", s -> s.phase().name(), 110), col("Since", s -> ViewText.time(s.since()), 150), detail));
        states.setId("broker-states");
        // The detail (why a connection failed) is the longest: it takes the width the window has left, and its
        // advice, which a narrow window cuts short, is whole in the cell's tooltip.
        TableWidths.lastTakesTheRest(states);
        detail.setCellFactory(column -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String why, boolean empty) {
                super.updateItem(why, empty);
                boolean none = empty || why == null || why.isEmpty();
                setText(none ? null : why);
                setTooltip(none ? null : wrapped(why));
            }
        });
        states.setPrefHeight(160);
        states.setPlaceholder(new Label("No broker configured: add a profile below."));
        profiles.setId("profile-list");
        profiles.setPrefHeight(200);
        profiles.setPlaceholder(new Label("Reading saved profiles…"));
        profiles.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(ConnectionProfile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name() + " — " + p.url() + (p.enabled() ? "" : " (off)"));
            }
        });
        profiles.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> edit(p));
        password.setId("profile-password");
        password.setPromptText("stored in the keystore, not in profiles.json");
        keyPassword.setId("profile-key-password");
        keyPassword.setPromptText("only for an encrypted key");
        enabled.setSelected(true);
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(6);
        String[] labels = {"Name", "Broker URL", "Username", "Password", "CA file", "Client certificate",
                "Client key", "Key password", "Sites"};
        Node[] fields = {name, url, user, password, ca, cert, key, keyPassword, sites};
        for (int i = 0; i < labels.length; i++) {
            form.addRow(i, new Label(labels[i]), fields[i]);
        }
        form.addRow(labels.length, new Label(""), enabled);
        save.getStyleClass().add("primary");
        save.setId("profile-save");
        save.setOnAction(e -> save());
        remove.setId("profile-remove");
        remove.setOnAction(e -> remove());
        message.setId("profile-message");
        message.setWrapText(true);
        Label stateHeading = new Label("Connections");
        stateHeading.getStyleClass().add("heading");
        Label formHeading = new Label("Profiles (stored in " + store.file() + ")");
        formHeading.getStyleClass().add("heading");
        HBox editor = new HBox(16, profiles, new VBox(8, form, new HBox(8, save, remove), message));
        root = new VBox(10, stateHeading, states, formHeading, editor);
        root.getStyleClass().add("panel");
        inFlight = tasks.list();
        buttons();
        refresh(List.of());
    }

    Node node() {
        return root;
    }

    void refresh(List<BrokerState> now) {
        if (!states.getItems().equals(now)) {
            states.getItems().setAll(now);
        }
        secretsPending(startup.snapshot().secrets().phase() == StartupProgress.Phase.RUNNING);
    }

    /** Every frame: a finished profile task shows how it went and lets the buttons go. */
    void everyFrame() {
        if (inFlight == null || !inFlight.isDone()) {
            return;
        }
        // Each task turns the store's failures into a Done; anything else still must not leave the form waiting.
        ProfileTasks.Done done = inFlight.exceptionally(t -> new ProfileTasks.Done(false, "Failed: " + t, null)).join();
        inFlight = null;
        if (done.profiles() != null) {
            profiles.getItems().setAll(done.profiles());
            profiles.setPlaceholder(new Label("No saved profiles."));
        }
        if (!done.ok()) {
            error(done.text());
        } else if (!done.text().isEmpty()) {
            show(done.text(), "form-ok");
        }
        buttons();
    }

    /**
     * While start-up checks the keyring and connects the saved profiles, saving one would race with it (and
     * its secrets have nowhere to go yet): the buttons wait, and say why.
     */
    private void secretsPending(boolean pending) {
        if (pending == waitingForSecrets) {
            return;
        }
        waitingForSecrets = pending;
        buttons();
        if (pending) {
            show(WAITING, "muted");
        } else if (WAITING.equals(message.getText())) {
            message.setText("");
        }
    }

    /**
     * One task at a time: a second save behind a hung one would only queue, and the list stays put so that
     * the form keeps the profile being saved.
     */
    private void buttons() {
        boolean wait = waitingForSecrets || inFlight != null;
        save.setDisable(wait);
        remove.setDisable(wait);
        profiles.setDisable(inFlight != null);
    }

    private void start(CompletableFuture<ProfileTasks.Done> task, String doing) {
        inFlight = task;
        show(doing, "muted");
        buttons();
    }

    private void edit(ConnectionProfile p) {
        if (p == null) {
            return;
        }
        name.setText(p.name());
        url.setText(p.url());
        user.setText(nz(p.username()));
        ca.setText(nz(p.caFile()));
        cert.setText(nz(p.clientCertFile()));
        key.setText(nz(p.clientKeyFile()));
        sites.setText(String.join(", ", p.sites()));
        enabled.setSelected(p.enabled());
        password.clear();
        keyPassword.clear();
        show("Passwords are not shown; leave them empty to keep the stored ones.", "muted");
    }

    private void save() {
        ConnectionProfile p;
        try {
            List<String> siteList = Arrays.stream(sites.getText().split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            p = new ConnectionProfile(name.getText().strip(), url.getText().strip(), user.getText(), ca.getText(),
                    cert.getText(), key.getText(), siteList, enabled.isSelected());
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            return;
        }
        start(tasks.save(p, password.getText(), keyPassword.getText()), "Saving profile " + p.name() + "…");
    }

    private void remove() {
        String n = name.getText().strip();
        if (n.isEmpty()) {
            error("Choose the profile to remove in the list, or type its name.");
            return;
        }
        start(tasks.remove(n), "Removing profile " + n + "…");
    }

    private void error(String text) {
        show(text, "form-error");
    }

    private void show(String text, String style) {
        message.getStyleClass().setAll("label", style);
        message.setText(text);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId("profile-" + id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(32);
        return f;
    }

    private static javafx.scene.control.Tooltip wrapped(String text) {
        javafx.scene.control.Tooltip t = new javafx.scene.control.Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(640);
        return t;
    }

    private static TableColumn<BrokerState, String> col(String title, Function<BrokerState, String> f, double width) {
        TableColumn<BrokerState, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(f.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
