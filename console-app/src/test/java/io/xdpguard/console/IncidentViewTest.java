package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.console.lab.SimAgent;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Severity;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

/** One target flooded through several hosts is one multi-host incident listing every host. */
class IncidentViewTest extends ConsoleFxTest {

    @Test
    void sharedTargetAcrossHostsIsOneIncident() throws Exception {
        long now = System.currentTimeMillis();
        try (SimAgent a = new SimAgent(broker.url(), "fra", "lb-1"); SimAgent b = new SimAgent(broker.url(), "fra", "lb-2");
             SimAgent c = new SimAgent(broker.url(), "fra", "mail")) {
            a.online(GuardMode.ENFORCE);
            b.online(GuardMode.ENFORCE);
            c.online(GuardMode.MONITOR);
            robot.clickOn("#tab-incidents");
            TableView<?> table = robot.lookup("#incident-table").queryAs(TableView.class);
            // Checked in every frame as it goes to the renderer: a scope cell is bold (and coloured) exactly when it
            // says multi-host, also in the frame where an incident becomes multi-host or rows re-sort.
            List<String> wrong = new CopyOnWriteArrayList<>();
            Runnable everyFrame = () -> table.lookupAll(".table-cell").stream().map(n -> (TableCell<?, ?>) n)
                    .filter(cell -> !cell.isEmpty() && cell.getText() != null && cell.getTableColumn() != null
                            && cell.getTableColumn().getText().equals("Scope"))
                    .filter(cell -> cell.getText().startsWith("MULTI") != cell.getFont().getStyle().contains("Bold"))
                    .forEach(cell -> wrong.add(cell.getText() + " in " + cell.getFont().getStyle()));
            AutoCloseable checking = onEveryFrame(everyFrame);
            c.publish(Messages.alert("fra", "mail", "c1", "inc-c", Severity.LOW, AlertState.START, "198.18.0.25", "198.19.5.5", now));
            awaitFx("one incident", () -> table.getItems().size() == 1);
            a.publish(Messages.alert("fra", "lb-1", "a1", "inc-a", Severity.HIGH, AlertState.START, "198.18.0.80", null, now));
            awaitFx("two single-host incidents", () -> table.getItems().size() == 2
                    && "single host".equals(table.getColumns().get(2).getCellData(0)));
            b.publish(Messages.alert("fra", "lb-2", "b1", "inc-b", Severity.CRITICAL, AlertState.START, "198.18.0.80", null, now));
            awaitFx("two incidents", () -> table.getItems().size() == 2
                    && "MULTI-HOST (2)".equals(table.getColumns().get(2).getCellData(0)));
            awaitFx("the multi-host row drawn", () -> table.lookupAll(".table-cell").stream()
                    .anyMatch(n -> n instanceof TableCell<?, ?> cell && "MULTI-HOST (2)".equals(cell.getText())));
            checking.close();
            assertThat(wrong).as("scope cells drawn in the other state's style in some frame").isEmpty();
            assertThat(fx(() -> table.getColumns().get(0).getCellData(0))).isEqualTo(Severity.CRITICAL);
            assertThat(fx(() -> table.getColumns().get(3).getCellData(0))).isEqualTo("fra/lb-1, fra/lb-2");
            assertThat(fx(() -> table.getColumns().get(2).getCellData(1))).isEqualTo("single host");
            fx(() -> {
                table.getSelectionModel().select(0);
                return null;
            });
            ListView<?> hosts = robot.lookup("#incident-hosts").queryAs(ListView.class);
            awaitFx("detail lists both hosts", () -> hosts.getItems().size() == 2);
            screenshot("incidents");
            showTab(1);
            screenshot("charts");
        }
    }
}
