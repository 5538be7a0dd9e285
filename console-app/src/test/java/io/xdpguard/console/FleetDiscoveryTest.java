package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import eu.hansolo.tilesfx.Tile;
import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

/** The vertical slice: agents on a real broker appear as tiles, their alert as a row, without configuration. */
class FleetDiscoveryTest extends ConsoleFxTest {

    @Test
    void agentsAppearAsTilesAndTheirAlertAsARow() throws Exception {
        long now = System.currentTimeMillis();
        try (SimAgent quiet = new SimAgent(broker.url(), "lab", "web-1");
             SimAgent attacked = new SimAgent(broker.url(), "lab", "web-2")) {
            quiet.online(GuardMode.MONITOR);
            quiet.publish(Messages.telemetry("lab", "web-1", 1_200, 0, now));
            attacked.online(GuardMode.SHADOW);
            attacked.publish(Messages.telemetry("lab", "web-2", 9_000, 1, now));
            attacked.publish(Messages.alert("lab", "web-2", "web-2-1", "inc-1", Severity.HIGH, AlertState.START,
                    "198.18.0.2", "198.19.7.9", now));

            awaitFx("both tiles on the wall", () -> node("#tile-lab-web-1").isPresent() && node("#tile-lab-web-2").isPresent());
            awaitFx("attacked tile shows its incident", () -> this.<Tile>node("#tile-lab-web-2").orElseThrow()
                    .getDescription().contains("1 incident · HIGH"));
            Tile quietTile = fx(() -> this.<Tile>node("#tile-lab-web-1").orElseThrow());
            Tile hotTile = fx(() -> this.<Tile>node("#tile-lab-web-2").orElseThrow());
            assertThat(fx(quietTile::getText)).isEqualTo("ONLINE · SHADOW");
            assertThat(fx(quietTile::getValue)).isEqualTo(1_200.0);
            assertThat(fx(quietTile::getDescription)).startsWith("limit 5000 · no incident");
            assertThat(fx(hotTile::getValue)).isEqualTo(9_000.0);
            // Most urgent first: the attacked host leads the wall (top left), the quiet one follows on its right.
            awaitFx("attacked tile first", () -> hotTile.isVisible() && quietTile.isVisible()
                    && hotTile.getLayoutY() == quietTile.getLayoutY() && hotTile.getLayoutX() < quietTile.getLayoutX());
            screenshot("status-wall");

            showTab(2);
            TableView<?> table = alertTable();
            awaitFx("alert row visible", () -> table.getItems().size() == 1);
            assertThat(fx(() -> table.getColumns().get(3).getCellData(0))).isEqualTo("web-2");
            assertThat(fx(() -> table.getColumns().get(0).getCellData(0))).isEqualTo(Severity.HIGH);
            assertThat(fx(() -> table.getColumns().get(9).getCellData(0))).isEqualTo("shadow/would_drop");
            screenshot("alerts");

            robot.clickOn("#tab-wall");
            robot.clickOn("#tile-lab-web-2");
            awaitFx("host view opened", () -> text("#host-title").orElse("").equals("lab/web-2"));
            screenshot("host");
        }
    }
}
