package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.store.AlertHistory;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Another console holds the alert history: this one still starts and shows alerts, says in the window that
 * they are not being stored and why, and stores them once "Try again" opens the history.
 */
class LockedHistoryTest extends ConsoleFxTest {
    private FileChannel database;
    private FileLock lock;

    @Override
    protected void beforeLaunch() throws Exception {
        long then = System.currentTimeMillis() - 60_000;
        try (AlertHistory h = new AlertHistory(tmp.resolve("data"), new Codec().mapper(), Clock.systemUTC(),
                Duration.ofDays(30), 1_000)) {
            h.recorded(List.of(new AlertEntry(Messages.alert("lab", "db-1", "db-1-old", "i0", Severity.LOW,
                    AlertState.END, "198.18.1.9", null, then), "cli-1", then, null)));
            h.flush(Duration.ofSeconds(5));
        }
        // The lock H2 takes on its file, as another console's would hold it.
        database = FileChannel.open(tmp.resolve("data").resolve("history.mv.db"), StandardOpenOption.WRITE);
        lock = database.lock();
    }

    @AfterEach
    void unlock() throws Exception {
        if (database.isOpen()) {
            lock.release();
            database.close();
        }
    }


    private boolean bannerShown() {
        return fx(() -> robot.lookup("#startup-error").query().getParent().isVisible());
    }

    @Test
    void aHistoryHeldByAnotherConsoleIsAnErrorInTheWindowAndTryAgainStoresWhatCameMeanwhile() throws Exception {
        awaitFx("the window says the history cannot be opened", () -> text("#startup-error").orElse("")
                .startsWith("Alerts are not being stored: cannot open alert history in " + tmp.resolve("data") + ": "));
        assertThat(text("#startup-error").orElseThrow()).contains("(is another console using it?)");
        assertThat(bannerShown()).isTrue();
        assertThat(fx(() -> robot.lookup("#history-retry").queryButton().isVisible())).isTrue();

        // The console works without it: an alert is shown, and waits to be stored.
        robot.clickOn("#tab-alerts");
        try (SimAgent agent = new SimAgent(broker.url(), "lab", "db-1")) {
            agent.online(GuardMode.SHADOW);
            agent.publish(Messages.alert("lab", "db-1", "db-1-new", "i1", Severity.LOW, AlertState.START,
                    "198.18.1.1", "198.19.0.5", System.currentTimeMillis()));
        }
        awaitFx("the alert shown", () -> alertTable().getItems().size() == 1);
        awaitFx("counted as waiting", () -> text("#startup-error").orElse("").contains("(1 waiting)"));
        screenshot("history-locked");

        // The other console is gone: Try again opens the history, reloads it and stores what waited.
        lock.release();
        database.close();
        robot.clickOn("#history-retry");
        AlertHistory history = app.console().history().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        awaitFx("the banner is gone", () -> !bannerShown());
        awaitFx("the earlier alert reloaded", () -> alertTable().getItems().size() == 2);
        await("the alert that waited is stored").atMost(WAIT).until(() -> {
            history.flush(Duration.ofSeconds(5));
            return history.count() == 2;
        });
        assertThat(history.recent(10)).extracting(e -> e.alert().id()).containsExactly("db-1-old", "db-1-new");
    }
}
