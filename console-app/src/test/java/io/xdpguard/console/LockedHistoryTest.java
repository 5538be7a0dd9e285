package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.EarlierSession;
import io.xdpguard.console.store.AlertHistory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
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
        EarlierSession.store(tmp.resolve("data"), "cli-1");
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
        EarlierSession.raiseNewAlert(broker.url());
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
        EarlierSession.awaitBothStored(history, "the alert that waited is stored", WAIT);
    }
}
