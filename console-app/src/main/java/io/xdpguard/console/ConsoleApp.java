package io.xdpguard.console;

import io.xdpguard.console.view.ExportTarget;
import io.xdpguard.console.view.MainView;
import java.lang.System.Logger.Level;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX entry point (javafx:run, jpackage): parses options, starts a {@link Console}, shows its window. */
public final class ConsoleApp extends Application {
    private static final System.Logger LOG = System.getLogger(ConsoleApp.class.getName());

    private final ConsoleOptions preset;
    private final ExportTarget exportTarget;
    private Console console;
    private MainView view;

    public ConsoleApp() {
        this(null);
    }

    /** For the benchmark, which chooses its own directories and brokers. */
    public ConsoleApp(ConsoleOptions options) {
        this(options, null);
    }

    /** For tests: they also answer the Save dialog of an export ({@code null}: the real dialog). */
    public ConsoleApp(ConsoleOptions options, ExportTarget exportTarget) {
        this.preset = options;
        this.exportTarget = exportTarget;
    }

    @Override
    public void start(Stage stage) throws Exception {
        LogFormat.install();
        ConsoleOptions options;
        try {
            options = preset != null ? preset : ConsoleOptions.parse(getParameters().getRaw());
        } catch (IllegalArgumentException e) {
            System.err.println("xdpguard-console: " + e.getMessage());
            Platform.exit();
            return;
        }
        console = new Console(options);
        view = new MainView(console.viewContext(exportTarget != null ? exportTarget : ExportTarget.saveDialog()));
        view.show(stage);
        console.connect();
        LOG.log(Level.INFO, "event=console_started config_dir={0} data_dir={1}", options.configDir(),
                options.dataDir());
    }

    @Override
    public void stop() {
        if (view != null) {
            view.stop();
        }
        if (console != null) {
            console.close();
        }
    }

    public Console console() {
        return console;
    }

    public static void main(String[] args) {
        launch(ConsoleApp.class, args);
    }
}
