package io.xdpguard.console.view;

import io.xdpguard.console.model.StartupProgress;
import io.xdpguard.console.model.StartupProgress.Phase;
import io.xdpguard.console.model.StartupProgress.Snapshot;
import io.xdpguard.console.model.StartupProgress.Step;
import io.xdpguard.console.store.HistoryGate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * What start-up is still doing while the window is already in use: a line in the status bar ("Opening alert
 * history…", "Checking the desktop keyring…") until it is done, and a banner under the toolbar when a step
 * failed. A history that cannot be opened (another console holds it, say) is not fatal: alerts are still
 * shown and wait in memory to be stored, and "Try again" opens it once the other console is gone. Polled
 * once per frame; its nodes change only when the progress does.
 */
final class StartupBanner {
    private final StartupProgress progress;
    private final HistoryGate history;
    private final Label line = new Label();
    private final Label message = new Label();
    private final Button retry = new Button("Try again");
    private final HBox banner;
    private Snapshot shown;
    private int shownWaiting;

    StartupBanner(StartupProgress progress, HistoryGate history, Runnable retryHistory) {
        this.progress = progress;
        this.history = history;
        line.setId("startup-status");
        message.setId("startup-error");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        retry.setId("history-retry");
        retry.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        retry.setOnAction(e -> retryHistory.run());
        banner = new HBox(10, message, retry);
        banner.getStyleClass().add("startup-banner");
        everyFrame();
    }

    /** For the status bar. */
    Node progress() {
        return line;
    }

    /** For under the toolbar; hidden unless a step failed. */
    Node banner() {
        return banner;
    }

    void everyFrame() {
        Snapshot now = progress.snapshot();
        if (now.equals(shown)) {
            return;
        }
        shown = now;
        List<String> running = Stream.of(now.history(), now.secrets()).filter(s -> s.phase() == Phase.RUNNING)
                .map(Step::text).toList();
        line.setText(String.join(" · ", running));
        show(line, !running.isEmpty());
        shownWaiting = -1;
        everySecond();
    }

    /** Once a second: how many alerts wait for a failed history (changes with every alert: not every frame). */
    void everySecond() {
        Snapshot now = shown;
        boolean historyFailed = now.history().phase() == Phase.FAILED;
        int waiting = historyFailed ? history.waiting() : 0;
        if (waiting == shownWaiting) {
            return;
        }
        shownWaiting = waiting;
        List<String> problems = new ArrayList<>();
        if (historyFailed) {
            problems.add("Alerts are not being stored: " + now.history().text() + ". They are still shown, and kept in "
                    + "memory until the history opens (" + waiting + " waiting).");
        }
        if (now.secrets().phase() == Phase.FAILED) {
            problems.add(now.secrets().text());
        }
        message.setText(String.join("\n", problems));
        show(retry, historyFailed);
        show(banner, !problems.isEmpty());
    }

    private static void show(Node n, boolean visible) {
        n.setVisible(visible);
        n.setManaged(visible);
    }
}
