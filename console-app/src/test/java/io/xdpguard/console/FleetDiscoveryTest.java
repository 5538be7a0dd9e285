package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import eu.hansolo.tilesfx.Tile;
import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

/** The vertical slice: agents on a real broker appear as tiles, their alert as a row, without configuration. */
class FleetDiscoveryTest extends ConsoleFxTest {
    private static final int HISTORY_SECONDS = 120;

    @Test
    void agentsAppearAsTilesAndTheirAlertAsARow() throws Exception {
        long now = System.currentTimeMillis();
        try (SimAgent quiet = new SimAgent(broker.url(), "lab", "web-1");
             SimAgent attacked = new SimAgent(broker.url(), "lab", "web-2")) {
            quiet.online(GuardMode.MONITOR);
            quiet.publish(Messages.telemetry("lab", "web-1", 1_200, 0, now));
            attacked.online(GuardMode.SHADOW);
            // Two minutes of its telemetry first, so that its charts show what an analyst sees after watching a while:
            // calm, then a flood from 40 s ago.
            for (int s = HISTORY_SECONDS; s > 0; s--) {
                long syn = s > 40 ? 1_100 + (s * 37) % 300 : 9_000 - s * 20L;
                attacked.publish(Messages.telemetry("lab", "web-2", syn, s > 40 ? 0 : 1, now - s * 1_000L));
            }
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

            // Its agent goes on reporting (once a second, as agents do), so the host view shows it online.
            attacked.publish(Messages.telemetry("lab", "web-2", 9_000, 1, System.currentTimeMillis()));
            robot.clickOn("#tab-wall");
            robot.clickOn("#tile-lab-web-2");
            awaitFx("host view opened", () -> text("#host-title").orElse("").equals("lab/web-2"));
            awaitFx("its charts show the two minutes of telemetry", () -> {
                List<LineChart> charts = robot.lookup(".chart").queryAllAs(LineChart.class).stream()
                        .filter(c -> c.getTitle().startsWith("lab/web-2")).toList();
                return charts.size() == 2 && charts.stream()
                        .map(c -> (XYChart.Series<?, ?>) c.getData().getFirst())
                        .allMatch(series -> series.getData().size() >= HISTORY_SECONDS + 1);
            });
            // Its agent's per-target SYN/s threshold (5000) runs across the SYN/s chart's whole window.
            List<Long> thresholdLine = fx(() -> {
                List<Long> levels = new ArrayList<>();
                for (LineChart<?, ?> c : robot.lookup(".chart").queryAllAs(LineChart.class)) {
                    for (XYChart.Series<?, ?> series : c.getData()) {
                        if (c.getTitle().startsWith("lab/web-2 — SYN/s") && "SYN/s threshold".equals(series.getName())) {
                            series.getData().forEach(d -> levels.add(((Number) d.getYValue()).longValue()));
                        }
                    }
                }
                return levels;
            });
            assertThat(thresholdLine).containsExactly(5_000L, 5_000L);
            screenshot("host");
        }
    }
}
