package io.xdpguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.ConsoleApp;
import io.xdpguard.console.ConsoleOptions;
import io.xdpguard.demo.scenario.Check;
import io.xdpguard.demo.scenario.Scenario;
import io.xdpguard.demo.watch.Observed;
import io.xdpguard.protocol.AlertKind;
import io.xdpguard.protocol.AlertState;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console opened on the running demo: a PNG of every view mid-attack (during the flood on web-1,
 * and during the multi-host attack), kept as build artifacts for a reviewer to look at.
 */
class DemoConsoleScreenshotTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final FxRobot robot = new FxRobot();
    @TempDir
    Path tmp;

    @Test
    void everyViewMidAttack() throws Exception {
        RootOnly.check();
        requireDisplay();
        Stage stage = FxToolkit.registerPrimaryStage();
        Demo demo = new Demo(new DemoOptions(true, 1, 0, null, List.of()), System.out::println);
        ConsoleApp app = null;
        List<Path> shots = new ArrayList<>();
        try {
            demo.start();
            var options = ConsoleOptions.defaults().withDirs(tmp.resolve("config"), tmp.resolve("data"),
                    tmp.resolve("exports")).withBrokers(List.of(demo.brokerUrl()));
            app = (ConsoleApp) FxToolkit.setupApplication(() -> new ConsoleApp(options));
            FxToolkit.showStage();
            CompletableFuture<Void> play = CompletableFuture.runAsync(() -> {
                try {
                    demo.play(1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(Scenario.waitFor(() -> seen(demo, a -> a.alert().host().equals("web-1")
                    && a.alert().kind() == AlertKind.SYN_FLOOD && a.alert().state() == AlertState.START), WAIT))
                    .as("flood on web-1 started").isTrue();
            // Only the selected tab's view is in the window's scene graph: look at the alerts as an analyst would.
            fx(() -> {
                TabPane tabs = (TabPane) stage.getScene().lookup(".tab-pane");
                tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "tab-alerts".equals(t.getId()))
                        .findFirst().orElseThrow());
                return null;
            });
            assertThat(Scenario.waitFor(() -> rows(stage, "#alert-table") > 0, WAIT)).as("alert rows shown").isTrue();
            shots.addAll(everyView(stage, "demo-flood"));

            assertThat(Scenario.waitFor(() -> demo.watcher().alerts().stream()
                    .filter(a -> a.alert().topSources().stream().anyMatch(s -> s.address().equals("198.19.66.6")))
                    .map(a -> a.alert().host()).distinct().count() == 3, Duration.ofSeconds(90)))
                    .as("multi-host attack under way").isTrue();
            fx(() -> {
                ((TabPane) stage.getScene().lookup(".tab-pane")).getSelectionModel().select(0);
                return null;
            });
            assertThat(Scenario.waitFor(() -> fx(() -> stage.getScene().getRoot().lookupAll(".label").stream()
                    .anyMatch(n -> n instanceof javafx.scene.control.Label l && l.getText().contains("3 under attack"))),
                    WAIT)).as("the status wall shows all three hosts under attack").isTrue();
            shots.addAll(everyView(stage, "demo-multihost"));

            play.get(5, TimeUnit.MINUTES);
        } finally {
            if (app != null) {
                FxToolkit.cleanupApplication(app);
            }
            demo.close();
        }
        assertThat(demo.checks()).allMatch(Check::met);
        assertThat(shots).hasSizeGreaterThanOrEqualTo(10).allSatisfy(p -> assertThat(Files.size(p)).isGreaterThan(10_000));
    }

    private static boolean seen(Demo demo, java.util.function.Predicate<Observed.AlertSeen> match) {
        return demo.watcher().alerts().stream().anyMatch(match);
    }

    private int rows(Stage stage, String id) {
        return fx(() -> {
            var node = stage.getScene().lookup(id);
            return node instanceof TableView<?> t ? t.getItems().size() : 0;
        });
    }

    private List<Path> everyView(Stage stage, String prefix) throws Exception {
        List<Path> out = new ArrayList<>();
        int count = fx(() -> ((TabPane) stage.getScene().lookup(".tab-pane")).getTabs().size());
        for (int i = 0; i < count; i++) {
            int index = i;
            String id = fx(() -> {
                TabPane tabs = (TabPane) stage.getScene().lookup(".tab-pane");
                tabs.getSelectionModel().select(index);
                Tab tab = tabs.getTabs().get(index);
                return tab.getId() == null ? "view-" + index : tab.getId();
            });
            WaitForAsyncUtils.waitForFxEvents();
            out.add(screenshot(stage, prefix + "-" + (index + 1) + "-" + id));
        }
        return out;
    }

    private Path screenshot(Stage stage, String name) throws Exception {
        WritableImage img = fx(() -> stage.getScene().snapshot(null));
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getPixelReader().getPixels(0, y, w, 1, PixelFormat.getIntArgbInstance(), row, 0, w);
            image.setRGB(0, y, w, 1, row, 0, w);
        }
        Path dir = Files.createDirectories(Path.of(System.getProperty("xg.screenshots", "target/screenshots")));
        Path file = dir.resolve(name + ".png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static <T> T fx(java.util.concurrent.Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireDisplay() {
        if (System.getenv("DISPLAY") != null && !System.getenv("DISPLAY").isBlank()) {
            return;
        }
        String why = "no DISPLAY: the console opens a real window; run under xvfb-run (scripts/test.sh does)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why);
        }
        Assumptions.abort(why);
    }
}
