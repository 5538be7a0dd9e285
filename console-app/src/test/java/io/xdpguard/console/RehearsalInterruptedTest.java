package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert table's rehearsal is short even when the warm-up is long, and an attack that starts while it runs ends it:
 * only real alerts show.
 */
class RehearsalInterruptedTest extends ConsoleFxTest {
    // A warm-up that outlasts the test's first steps by far (tens of seconds here).
    @Override
    protected ConsoleOptions options() {
        return super.options().withWarmUpAlerts(60_000);
    }

    @Test
    void theCoverComesOffAfterTheFirstFramesWhileTheWarmUpGoesOn() {
        robot.clickOn("#tab-alerts");
        awaitFx("the table is being rehearsed under its cover",
                () -> node("#alert-table-cover").map(javafx.scene.Node::isVisible).orElse(false));
        awaitFx("the table uncovered", () -> node("#alert-table-cover").map(c -> !c.isVisible()).orElse(false));
        assertThat(app.console().warmedUp()).as("the warm-up still going on in the background").isNotDone();
        assertThat(fx(() -> alertTable().getItems().size())).isZero();
        assertThat(node(".notification-pane")).as("the made-up notification left with the cover").isEmpty();
    }

    @Test
    void theFirstRealAlertEndsTheRehearsalAndIsTheOnlyRow() throws Exception {
        robot.clickOn("#tab-alerts");
        awaitFx("the table is being rehearsed under its cover",
                () -> node("#alert-table-cover").map(javafx.scene.Node::isVisible).orElse(false));
        // A made-up desktop notification is rehearsed in the window too, under the same cover: never in sight.
        awaitFx("a made-up notification under the cover", () -> node(".notification-pane").isPresent());
        assertThat(fx(() -> {
            javafx.scene.Node madeUp = node(".notification-pane").orElseThrow();
            javafx.scene.Node cover = node("#alert-table-cover").orElseThrow();
            var layers = cover.getParent().getChildrenUnmodifiable();
            return madeUp.getParent() == cover.getParent() && layers.indexOf(madeUp) < layers.indexOf(cover);
        })).as("the made-up notification lies under the cover").isTrue();
        assertThat(fx(() -> javafx.stage.Window.getWindows().size())).as("no notification window").isEqualTo(1);
        assertThat(text("#alert-counts").orElse("")).as("no made-up row counted").isIn("",
                "showing 0 of 0 · 0 unacknowledged");
        assertThat(text("#status-line").orElse("")).doesNotContain("hosts · 1").doesNotContain("00 alerts in window");

        try (SimAgent agent = new SimAgent(broker.url(), "lab", "db-7")) {
            agent.online(GuardMode.ENFORCE);
            agent.publish(Messages.alert("lab", "db-7", "d-1", "i-7", Severity.CRITICAL, AlertState.START,
                    "198.18.7.7", null, System.currentTimeMillis()));
            awaitFx("the real alert is the only row, uncovered", () -> alertTable().getItems().size() == 1
                    && node("#alert-table-cover").map(c -> !c.isVisible()).orElse(false));
            assertThat(fx(() -> alertTable().getColumns().get(3).getCellData(0))).isEqualTo("db-7");
            assertThat(node(".notification-pane")).as("the made-up notification left with the cover").isEmpty();
            awaitFx("counts follow", () -> text("#alert-counts").orElse("").startsWith("showing 1 of 1"));
        }
        // The rest of the warm-up's frames do not come back into the table.
        app.console().warmedUp().get(60, TimeUnit.SECONDS);
        awaitFx("status line counts the one alert",
                () -> text("#status-line").orElse("").contains("1 alert in window"));
        assertThat(fx(() -> alertTable().getItems().size())).isEqualTo(1);
        assertThat(app.console().visibleLatency().count()).as("only the real row's latency is recorded").isEqualTo(1);
    }
}
