package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xdpguard.console.lab.EarlierSession;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.console.profile.ProfileStore;
import io.xdpguard.console.store.AlertHistory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The window is up and usable at once, while the desktop keyring is still being asked and the alert history
 * is still opening (each held back here until the test lets it go on); then the saved broker connects, and
 * an alert that came before the history was open is stored when it opens.
 */
class SlowStartupTest extends ConsoleFxTest {
    private final CountDownLatch keyringAnswers = new CountDownLatch(1);
    private final CountDownLatch historyOpens = new CountDownLatch(1);
    private final Map<String, String> threads = new ConcurrentHashMap<>();

    @Override
    protected void beforeLaunch() throws Exception {
        // An earlier session: a saved profile (its password in the file vault: tests have no session bus)...
        new ProfileStore(tmp.resolve("config")).save(new ConnectionProfile("saved", broker.url(), "analyst", null,
                null, null, List.of(), true), new ProfileSecrets("analyst-pw", null));
        // ...and an alert it stored.
        EarlierSession.store(tmp.resolve("data"), "saved");
    }

    @Override
    protected ConsoleOptions options() {
        // No --broker: the only broker is the saved profile, which needs its secrets first.
        return super.options().withBrokers(List.of());
    }

    @Override
    protected Openers openers() {
        Openers real = Openers.real();
        return real.withSecrets((dir, profiles) -> {
            threads.put("secrets", Thread.currentThread().getName());
            pass(keyringAnswers);
            return real.secrets().open(dir, profiles);
        }).withHistory((options, json, clock) -> {
            threads.put("history", Thread.currentThread().getName());
            pass(historyOpens);
            return real.history().open(options, json, clock);
        });
    }

    /** A slow step goes on when the test says so; bounded, so that a failed test cannot hang the build. */
    private static void pass(CountDownLatch gate) {
        try {
            if (!gate.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never let start-up go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void awaitStarted() {
        // Nothing: start-up is held back, and the test follows it step by step.
    }

    @AfterEach
    void letStartUpFinish() {
        keyringAnswers.countDown();
        historyOpens.countDown();
    }


    private boolean saveDisabled() {
        return fx(() -> robot.lookup("#profile-save").queryButton().isDisabled());
    }

    @Test
    void theWindowIsUsableWhileTheKeyringAndHistoryAreSlowThenItConnectsAndStoresWhatCameEarly() throws Exception {
        // The window was shown (setupApplication returned) while both steps are still held back.
        await("both start-up steps under way").atMost(WAIT).until(() -> threads.size() == 2);
        assertThat(threads).containsEntry("secrets", "xg-start-secrets").containsEntry("history", "xg-start-history");
        assertThat(fx(() -> stage.isShowing())).isTrue();
        awaitFx("the status line says what start-up is doing",
                () -> text("#startup-status").orElse("").equals("Opening alert history… · Checking the desktop keyring…"));

        // Usable meanwhile: views switch, the search takes typing, the connections view says why saving waits.
        robot.clickOn("#tab-connections");
        awaitFx("connections shown", () -> robot.lookup("#profile-save").queryButton().isVisible());
        assertThat(saveDisabled()).isTrue();
        assertThat(text("#profile-message")).hasValue("Checking the desktop keyring: saving and removing profiles wait for it.");
        robot.clickOn("#search").write("db-1");
        assertThat(fx(() -> robot.lookup("#search").queryAs(TextField.class).getText())).isEqualTo("db-1");
        robot.type(KeyCode.ESCAPE);
        awaitFx("search cleared", () -> robot.lookup("#search").queryAs(TextField.class).getText().isEmpty());
        screenshot("startup-in-progress");
        assertThat(keyringAnswers.getCount()).as("all that while, the keyring had not answered").isEqualTo(1);
        assertThat(app.console().history()).as("nor had the history opened").isNotDone();

        // The keyring answers: the saved profile connects, though the history is still opening.
        keyringAnswers.countDown();
        awaitFx("saved profile connected", () -> text("#broker-saved").orElse("").endsWith("connected"));
        awaitFx("only the history still in progress",
                () -> text("#startup-status").orElse("").equals("Opening alert history…"));
        awaitFx("saving profiles possible again", () -> !saveDisabled());

        // An alert before the history is open is shown at once...
        robot.clickOn("#tab-alerts");
        EarlierSession.raiseNewAlert(broker.url());
        awaitFx("the early alert shown", () -> alertTable().getItems().size() == 1);
        assertThat(app.console().history()).isNotDone();

        // ...and stored once the history opens, next to the earlier session's alert, which is reloaded.
        historyOpens.countDown();
        AlertHistory history = app.console().history().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        awaitFx("the earlier session's alert reloaded", () -> alertTable().getItems().size() == 2);
        awaitFx("start-up over: no status line", () -> !robot.lookup("#startup-status").query().isVisible());
        EarlierSession.awaitBothStored(history, "the early alert stored", WAIT);
    }
}
