package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.scene.control.TableColumn;
import org.controlsfx.control.table.TableFilter;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up readies the console for its first attack and leaves no trace: no host, alert, count,
 * notification or stored row of its made-up fleet, and no scratch files.
 */
class WarmUpIsolationTest extends ConsoleFxTest {
    // The tests' default console has no warm-up (it only slows them down); this one has the product's default.
    @Override
    protected ConsoleOptions options() {
        return super.options().withWarmUpAlerts(ConsoleOptions.DEFAULT_WARM_UP_ALERTS);
    }

    private final Instant launched = Instant.now();

    @Test
    void warmUpReadiesTheAlertTableAndLeavesNoTrace() throws Exception {
        var result = app.console().warmedUp().get(60, TimeUnit.SECONDS);
        assertThat(result.messages()).as("the default warm-up ran").isGreaterThan(ConsoleOptions.DEFAULT_WARM_UP_ALERTS);

        robot.clickOn("#tab-alerts");
        // The table is rehearsed with the made-up alerts under a cover, then emptied: its rows and cells stay built.
        awaitFx("rehearsal over, the empty table's rows built before the first alert",
                () -> node("#alert-table-cover").map(c -> !c.isVisible()).orElse(false)
                        && alertTable().lookupAll(".table-row-cell").size() >= 20);
        assertThat(fx(() -> alertTable().getItems().size())).isZero();
        assertThat(text("#alert-counts")).hasValue("showing 0 of 0 · 0 unacknowledged");
        // Nothing of the made-up fleet's thousands of messages is counted as received or applied.
        assertThat(app.console().diagnostics().snapshot().accepted()).isLessThan(10);
        assertThat(app.console().pipeline().applied()).isLessThan(10);
        awaitFx("status line refreshed", () -> text("#status-line").orElse("").contains("messages accepted"));
        assertThat(text("#status-line").orElseThrow()).startsWith("0 hosts · 0 alerts in window");
        assertThat(node("#tile-xg-warmup-warm-00")).isEmpty();
        var history = app.console().history().get(20, TimeUnit.SECONDS);
        history.flush(java.time.Duration.ofSeconds(10));
        assertThat(history.count()).isZero();
        assertThat(fx(() -> javafx.stage.Window.getWindows().size())).as("no notification window").isEqualTo(1);
        assertThat(node(".notification-pane")).as("no made-up notification left in the window").isEmpty();
        assertThat(hostFilterValues()).isEmpty();
        assertThat(scratchDirsSinceLaunch()).as("the scratch history leaves no file").isEmpty();
        screenshot("alerts-empty-after-warm-up");

        // The first real alert is the only row, and the only host the column filter offers.
        try (SimAgent agent = new SimAgent(broker.url(), "lab", "web-1")) {
            agent.online(GuardMode.ENFORCE);
            agent.publish(Messages.alert("lab", "web-1", "w-1", "i-1", Severity.HIGH, AlertState.START,
                    "198.18.1.1", null, System.currentTimeMillis()));
            awaitFx("the real alert is shown", () -> alertTable().getItems().size() == 1);
            assertThat(fx(() -> alertTable().getColumns().get(3).getCellData(0))).isEqualTo("web-1");
            awaitFx("the column filter offers the real host only", () -> hostFilterValues().equals(List.of("web-1")));
            awaitFx("counts follow", () -> text("#alert-counts").orElse("").startsWith("showing 1 of 1"));
        }
    }

    private List<Object> hostFilterValues() {
        return fx(() -> {
            @SuppressWarnings("unchecked")
            TableFilter<Object> filter = (TableFilter<Object>) alertTable().getProperties().get("xg.tableFilter");
            @SuppressWarnings("unchecked")
            TableColumn<Object, ?> host = (TableColumn<Object, ?>) alertTable().getColumns().get(3);
            var column = filter.getColumnFilter(host).orElseThrow();
            if (!column.isInitialized()) {
                column.initialize();
            }
            return column.getFilterValues().stream().map(v -> (Object) v.getValue()).toList();
        });
    }

    private List<Path> scratchDirsSinceLaunch() throws IOException {
        Path tmpDir = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(tmpDir)) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("xg-warmup-")).filter(p -> {
                try {
                    return !Files.readAttributes(p, BasicFileAttributes.class).creationTime().toInstant()
                            .isBefore(launched.minusSeconds(1));
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }
}
