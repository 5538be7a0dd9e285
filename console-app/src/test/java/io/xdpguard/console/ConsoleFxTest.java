package io.xdpguard.console;

import static org.awaitility.Awaitility.await;

import io.xdpguard.console.lab.Display;
import io.xdpguard.console.lab.Mosquitto;
import io.xdpguard.console.model.FleetLimits;
import io.xdpguard.console.view.ExportTarget;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Base of the UI tests: a fresh Mosquitto on a free loopback port and a fresh console (its own config, data
 * and export folders) per test, in a real window. Screenshots go to the build directory's screenshots/ folder (system property xg.screenshots).
 */
abstract class ConsoleFxTest {
    protected static final Duration WAIT = Duration.ofSeconds(20);
    protected static Stage stage;

    @TempDir
    protected Path tmp;
    protected Mosquitto broker;
    protected ConsoleApp app;
    protected final FxRobot robot = new FxRobot();

    @BeforeAll
    static void display() throws Exception {
        Display.require();
        stage = FxToolkit.registerPrimaryStage();
    }

    protected FleetLimits limits() {
        return FleetLimits.defaults().withSilentAfter(3_000);
    }

    /**
     * This test's console: its own folders, the test broker as a --broker URL, no start-up warm-up (it costs a
     * second of CPU and covers the alert table for a moment; WarmUpIsolationTest tests it).
     */
    protected ConsoleOptions options() {
        return ConsoleOptions.defaults()
                .withDirs(tmp.resolve("config"), tmp.resolve("data"), tmp.resolve("exports"))
                .withBrokers(List.of(broker.url())).withLimits(limits()).withWarmUpAlerts(0);
    }

    /** How start-up opens the history and the secret vault: the real way, unless a test wants them slow. */
    protected Openers openers() {
        return Openers.real();
    }

    /** The analyst's answer to an export's Save dialog: the proposed name in the export folder. */
    protected ExportTarget exportTarget() {
        return (proposal, owner) -> Optional.of(proposal.path());
    }

    /** What must be true before a test starts: the console connected to the test broker, its start-up over. */
    protected void awaitStarted() {
        awaitFx("broker chip shows connected", () -> text("#broker-cli-1").orElse("").endsWith("connected"));
        await("start-up over (history open, keyring checked)").atMost(WAIT)
                .until(() -> !app.console().startup().snapshot().busy());
    }

    /** This test's broker (started before each test, stopped after it). */
    protected Mosquitto startBroker(Path dir) throws IOException {
        return Mosquitto.start(dir);
    }

    /** What a test puts in place before its console starts (saved profiles, an earlier session's history…). */
    protected void beforeLaunch() throws Exception {
    }

    @BeforeEach
    void launch() throws Exception {
        broker = startBroker(tmp.resolve("mosquitto"));
        beforeLaunch();
        ConsoleOptions options = options();
        Openers openers = openers();
        ExportTarget exportTarget = exportTarget();
        app = (ConsoleApp) FxToolkit.setupApplication(() -> new ConsoleApp(options, openers, exportTarget));
        FxToolkit.showStage();
        awaitStarted();
    }

    @AfterEach
    void close() throws Exception {
        // Desktop notifications are windows of their own that outlive the test by seconds: the next test
        // would find them (and count or read them as its own).
        fx(() -> {
            List.copyOf(javafx.stage.Window.getWindows()).stream().filter(w -> w != stage)
                    .forEach(javafx.stage.Window::hide);
            return null;
        });
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        if (broker != null) {
            broker.close();
        }
    }

    protected <T> T fx(Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("FX call failed", e);
        }
    }

    /**
     * Runs {@code check} on every frame as it goes to the renderer (after the frame's layout) until the returned
     * handle is closed: for what must be right in the very frame a change is drawn, not only once it settles.
     */
    protected AutoCloseable onEveryFrame(Runnable check) {
        Scene scene = stage.getScene();
        fx(() -> {
            scene.addPostLayoutPulseListener(check);
            return null;
        });
        return () -> fx(() -> {
            scene.removePostLayoutPulseListener(check);
            return null;
        });
    }

    protected void awaitFx(String what, Callable<Boolean> condition) {
        await(what).atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> fx(condition));
    }

    protected <T extends Node> Optional<T> node(String query) {
        return robot.lookup(query).tryQuery();
    }

    protected Optional<String> text(String query) {
        return robot.lookup(query).tryQuery().filter(n -> n instanceof Label).map(n -> ((Label) n).getText());
    }

    /** The live alert table. */
    protected TableView<?> alertTable() {
        return robot.lookup("#alert-table").queryAs(TableView.class);
    }

    protected void showTab(int index) {
        fx(() -> {
            TabPane tabs = robot.lookup(".tab-pane").query();
            tabs.getSelectionModel().select(index);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Writes what the analyst sees now as a PNG build artifact. */
    protected Path screenshot(String name) throws IOException {
        return screenshot(name, stage.getScene());
    }

    /** The same for another window's scene (a popup, a dialog). */
    protected Path screenshot(String name, Scene scene) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage img = fx(() -> scene.snapshot(null));
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pr = img.getPixelReader();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            pr.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        Path dir = Path.of(System.getProperty("xg.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        ImageIO.write(out, "png", file.toFile());
        return file;
    }
}
