package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.xdpguard.console.model.BrokerState;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.console.profile.SecretBackend;
import io.xdpguard.console.profile.SecretVault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Saving or removing a profile asks the desktop keyring, which may take as long as it likes (a hung D-Bus, a
 * keyring waiting to be unlocked). Here its writes are held until the test lets them go: meanwhile the window
 * keeps drawing and takes clicks and typing, the form says what it is doing, and the broker connects only once
 * the save is done. A keyring that refuses says why, and the form keeps what the analyst typed.
 */
class ProfileSaveTest extends ConsoleFxTest {
    private final HeldKeyring keyring = new HeldKeyring();

    /** The console's real vault (the file: tests have no session bus), behind writes the test holds or fails. */
    private static final class HeldKeyring implements SecretBackend {
        volatile SecretVault real;
        volatile Hold hold;
        volatile IOException failure;

        /** One held call: where it waits, and on which thread it came. */
        static final class Hold {
            final CountDownLatch reached = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);
            volatile String thread;
        }

        Hold holdNext() {
            Hold h = new Hold();
            hold = h;
            return h;
        }

        @Override
        public ProfileSecrets read(String profile) throws IOException {
            return real.read(profile);
        }

        @Override
        public void write(String profile, ProfileSecrets secrets) throws IOException {
            pass();
            real.write(profile, secrets);
        }

        @Override
        public void remove(String profile) throws IOException {
            pass();
            real.remove(profile);
        }

        private void pass() throws IOException {
            IOException refused = failure;
            if (refused != null) {
                throw refused;
            }
            Hold h = hold;
            if (h == null) {
                return;
            }
            hold = null;
            h.thread = Thread.currentThread().getName();
            h.reached.countDown();
            try {
                // Bounded, so that a failed test cannot hang the build.
                if (!h.release.await(2, TimeUnit.MINUTES)) {
                    throw new IOException("the test never let the keyring answer");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    @Override
    protected Openers openers() {
        Openers real = Openers.real();
        return real.withSecrets((dir, profiles) -> {
            keyring.real = real.secrets().open(dir, profiles);
            return SecretVault.over(keyring, keyring.real.kind());
        });
    }

    @AfterEach
    void letTheKeyringGo() {
        HeldKeyring.Hold h = keyring.hold;
        if (h != null) {
            h.release.countDown();
        }
    }

    private boolean disabled(String query) {
        return fx(() -> robot.lookup(query).query().isDisabled());
    }

    private String typed(String query) {
        return fx(() -> robot.lookup(query).queryAs(TextInputControl.class).getText());
    }

    private List<String> listed() {
        return fx(() -> robot.lookup("#profile-list").<ConnectionProfile>queryListView().getItems().stream()
                .map(ConnectionProfile::name).toList());
    }

    private String message() {
        return text("#profile-message").orElse("");
    }

    private boolean connectionNamed(String profile) {
        return app.console().connections().states().stream().map(BrokerState::profile).anyMatch(profile::equals);
    }

    private void type(String field, String text) {
        robot.clickOn(field).write(text);
        awaitFx(field + " typed", () -> typed(field).equals(text));
    }

    /** The analyst opens Connections (once start-up lets profiles be saved) and fills in a new broker. */
    private void fillInSiteB() {
        robot.clickOn("#tab-connections");
        awaitFx("saving possible", () -> !robot.lookup("#profile-save").query().isDisabled());
        awaitFx("saved profiles read", () -> !robot.lookup("#profile-list").query().isDisabled());
        type("#profile-name", "site-b");
        type("#profile-url", broker.url());
        type("#profile-username", "analyst");
        type("#profile-password", "pw-typed");
    }

    private void assertFormStillHoldsWhatWasTyped() {
        assertThat(typed("#profile-name")).isEqualTo("site-b");
        assertThat(typed("#profile-url")).isEqualTo(broker.url());
        assertThat(typed("#profile-username")).isEqualTo("analyst");
        assertThat(typed("#profile-password")).isEqualTo("pw-typed");
    }

    @Test
    void theWindowKeepsWorkingWhileTheKeyringHoldsASaveThenTheBrokerConnects() throws Exception {
        fillInSiteB();
        HeldKeyring.Hold saving = keyring.holdNext();
        robot.clickOn("#profile-save");
        assertThat(saving.reached.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the save reached the keyring").isTrue();
        assertThat(saving.thread).isEqualTo("xg-profiles");
        awaitFx("the form says it is saving", () -> message().equals("Saving profile site-b…"));
        assertThat(disabled("#profile-save")).isTrue();
        assertThat(disabled("#profile-remove")).isTrue();
        assertThat(disabled("#profile-list")).as("the list cannot replace the form being saved").isTrue();
        screenshot("profile-saving");

        // While the keyring holds the save: frames keep coming, tabs switch, the search takes typing.
        long frames = app.console().pulseGaps().count();
        await("frames keep coming").atMost(WAIT).until(() -> app.console().pulseGaps().count() > frames + 30);
        robot.clickOn("#tab-alerts");
        awaitFx("alerts shown", () -> alertTable().isVisible());
        robot.clickOn("#search").write("site-b");
        awaitFx("the search took the typing", () -> typed("#search").equals("site-b"));
        robot.type(KeyCode.ESCAPE);
        awaitFx("search cleared", () -> typed("#search").isEmpty());
        robot.clickOn("#tab-connections");
        awaitFx("connections shown again", () -> robot.lookup("#profile-save").query().isVisible());
        assertThat(message()).isEqualTo("Saving profile site-b…");
        assertThat(saving.release.getCount()).as("all that while the keyring had not answered").isEqualTo(1);
        assertThat(connectionNamed("site-b")).as("no connection before the save is done").isFalse();

        saving.release.countDown();
        awaitFx("the save is reported", () -> message().equals("Saved site-b; connecting."));
        assertThat(fx(() -> robot.lookup("#profile-message").query().getStyleClass())).contains("form-ok");
        awaitFx("site-b connected with the saved profile", () -> text("#broker-site-b").orElse("").endsWith("connected"));
        assertThat(listed()).containsExactly("site-b");
        assertThat(disabled("#profile-save")).isFalse();
        assertThat(keyring.real.read("site-b").password()).isEqualTo("pw-typed");
        assertThat(Files.readString(tmp.resolve("config").resolve("profiles.json"))).contains("site-b")
                .doesNotContain("pw-typed");

        // Removing it waits for the keyring the same way; the connection closes once it is done.
        HeldKeyring.Hold removing = keyring.holdNext();
        robot.clickOn("#profile-remove");
        assertThat(removing.reached.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the removal reached the keyring")
                .isTrue();
        awaitFx("the form says it is removing", () -> message().equals("Removing profile site-b…"));
        assertThat(disabled("#profile-save")).isTrue();
        assertThat(connectionNamed("site-b")).as("still connected while the removal is held").isTrue();
        removing.release.countDown();
        awaitFx("the removal is reported", () -> message().equals("Removed site-b."));
        awaitFx("site-b's chip gone", () -> node("#broker-site-b").isEmpty());
        assertThat(connectionNamed("site-b")).isFalse();
        assertThat(listed()).isEmpty();
        assertThat(keyring.real.read("site-b")).isEqualTo(ProfileSecrets.NONE);
    }

    @Test
    void aKeyringThatRefusesSaysWhyAndTheFormKeepsWhatWasTyped() throws Exception {
        fillInSiteB();
        keyring.failure = new IOException("the desktop keyring is locked");
        robot.clickOn("#profile-save");
        awaitFx("the refusal is shown", () -> message().startsWith("Not saved: the desktop keyring is locked."));
        assertThat(message()).contains("The form still holds what you typed");
        assertThat(fx(() -> robot.lookup("#profile-message").query().getStyleClass())).contains("form-error");
        screenshot("profile-save-refused");
        assertFormStillHoldsWhatWasTyped();
        assertThat(disabled("#profile-save")).as("the analyst can try again").isFalse();
        assertThat(listed()).as("nothing saved").isEmpty();
        Path json = tmp.resolve("config").resolve("profiles.json");
        assertThat(Files.exists(json) ? Files.readString(json) : "").doesNotContain("site-b");
        assertThat(connectionNamed("site-b")).isFalse();

        // Once the keyring is unlocked, the same form saves as it is: nothing had to be typed again.
        keyring.failure = null;
        robot.clickOn("#profile-save");
        awaitFx("saved on the second try", () -> message().equals("Saved site-b; connecting."));
        awaitFx("site-b connected", () -> text("#broker-site-b").orElse("").endsWith("connected"));
        assertThat(keyring.real.read("site-b").password()).isEqualTo("pw-typed");
        assertThat(fx(() -> robot.lookup("#profile-list").queryAs(ListView.class).getItems().size())).isEqualTo(1);
    }
}
