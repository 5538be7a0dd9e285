package io.xdpguard.console.bench;

import io.xdpguard.console.ConsoleApp;
import io.xdpguard.console.ConsoleOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The real console window the benchmarks drive, opened on the alert table: what must stay smooth under a burst. */
final class BenchWindow {
    static final int WALL_TAB = 0;
    static final int ALERTS_TAB = 2;

    private BenchWindow() {
    }

    /** Starts the FX toolkit and the console; {@code scene} may adjust the window's scene before any burst. */
    static ConsoleApp open(ConsoleOptions options, Consumer<Scene> scene) throws Exception {
        CompletableFuture<ConsoleApp> started = new CompletableFuture<>();
        Platform.startup(() -> {
            try {
                ConsoleApp app = new ConsoleApp(options);
                Stage stage = new Stage();
                app.start(stage);
                tabs(stage.getScene()).getSelectionModel().select(ALERTS_TAB);
                scene.accept(stage.getScene());
                started.complete(app);
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
        });
        return started.get(30, TimeUnit.SECONDS);
    }

    /** Selects a tab of the console's window, as a click on it would. */
    static void selectTab(int index) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            Window.getWindows().stream().filter(w -> w.getScene() != null && tabs(w.getScene()) != null)
                    .forEach(w -> tabs(w.getScene()).getSelectionModel().select(index));
            done.complete(null);
        });
        done.get(5, TimeUnit.SECONDS);
    }

    private static TabPane tabs(Scene scene) {
        return (TabPane) scene.lookup(".tab-pane");
    }

    /** Stops the console and hides its windows; exiting while the renderer still draws crashes the JVM. */
    static void close(ConsoleApp app) throws Exception {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        Platform.runLater(() -> {
            app.stop();
            List.copyOf(Window.getWindows()).forEach(Window::hide);
            stopped.complete(null);
        });
        stopped.get(30, TimeUnit.SECONDS);
    }
}
