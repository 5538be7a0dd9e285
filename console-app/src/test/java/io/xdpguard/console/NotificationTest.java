package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import org.junit.jupiter.api.Test;

/** A new high-severity incident raises a desktop notification; the next one inside the rate limit does not. */
class NotificationTest extends ConsoleFxTest {

    private List<Node> notifications() {
        return fx(() -> List.copyOf(robot.lookup(".notification-bar").queryAll()));
    }

    @Test
    void highSeverityIncidentNotifiesOncePerInterval() throws Exception {
        long now = System.currentTimeMillis();
        try (SimAgent a = new SimAgent(broker.url(), "lab", "web-1"); SimAgent b = new SimAgent(broker.url(), "lab", "web-2")) {
            a.online(GuardMode.SHADOW);
            b.online(GuardMode.SHADOW);
            List<String> sheets = fx(() -> List.copyOf(stage.getScene().getStylesheets()));
            // A low one first: not worth interrupting anyone.
            a.publish(Messages.alert("lab", "web-1", "l1", "inc-low", Severity.LOW, AlertState.START,
                    "198.18.3.3", "198.19.3.3", now));
            a.publish(Messages.alert("lab", "web-1", "h1", "inc-high", Severity.HIGH, AlertState.START,
                    "198.18.1.1", "198.19.1.1", now));
            awaitFx("one notification", () -> notifications().size() == 1);
            assertThat(fx(() -> robot.lookup(".notification-bar .title").queryAs(Label.class).getText()))
                    .isEqualTo("HIGH incident");
            // Drawn in the console's theme, flat: the stock drop shadow was re-blurred on every animation frame.
            javafx.scene.layout.Region pane = fx(() -> robot.lookup(".notification-bar > .pane")
                    .queryAs(javafx.scene.layout.Region.class));
            assertThat(fx(pane::getEffect)).isNull();
            // With ControlsFX's warning sign (decoded once, in the background, for all notifications).
            awaitFx("the warning sign drawn", () -> robot.from(pane).lookup((javafx.scene.Node n) -> n instanceof ImageView).tryQuery()
                    .map(n -> ((ImageView) n).getImage()).filter(i -> !i.isError() && i.getProgress() == 1.0)
                    .map(i -> i.getWidth() > 0).orElse(false));
            assertThat(fx(() -> pane.getBackground().getFills().getLast().getFill()))
                    .isEqualTo(javafx.scene.paint.Color.web("#1c2128"));
            screenshot("notification", pane.getScene());
            // The popup's stylesheet was in the window from the start: a stylesheet added to the window's scene by
            // the first notification would restyle every cell of the window in the middle of an attack.
            assertThat(fx(() -> List.copyOf(stage.getScene().getStylesheets()))).isEqualTo(sheets)
                    .anyMatch(css -> css.endsWith("/org/controlsfx/control/notificationpopup.css"));

            // A second high-severity incident within the interval (5 s): counted, not shown.
            b.publish(Messages.alert("lab", "web-2", "c1", "inc-crit", Severity.CRITICAL, AlertState.START,
                    "198.18.2.2", "198.19.2.2", now + 1));
            robot.clickOn("#tab-incidents");
            TableView<?> incidents = robot.lookup("#incident-table").queryAs(TableView.class);
            // Once the incident is in the table, its frame has been through the notifier.
            awaitFx("three incidents listed", () -> incidents.getItems().size() == 3);
            assertThat(notifications()).hasSize(1);
        }
    }
}
