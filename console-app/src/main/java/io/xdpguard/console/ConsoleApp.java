package io.xdpguard.console;

import io.xdpguard.console.view.ExportTarget;
import io.xdpguard.console.view.MainView;
import java.lang.System.Logger.Level;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX entry point (javafx:run, jpackage): parses options, shows the console's window at once, then
 * starts the {@link Console}, whose slow parts (history, keyring) open on start-up threads while the window
 * says so: nothing here waits on the disk or D-Bus.
 */
public final class ConsoleApp extends Application {
    static {
        // Before the first logger below: java.util.logging reads it once, when it starts (ConsoleLogManager says
        // why). A JVM that logged already (a test, a host application) keeps its own manager.
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ConsoleLogManager.class.getName());
        }
    }

    private static final System.Logger LOG = System.getLogger(ConsoleApp.class.getName());

    private final ConsoleOptions preset;
    private final Openers openers;
    private final ExportTarget exportTarget;
    private Console console;
    private MainView view;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::closeConsole, "xg-shutdown");

    public ConsoleApp() {
        this(null);
    }

    /** For the benchmark, which chooses its own directories and brokers. */
    public ConsoleApp(ConsoleOptions options) {
        this(options, Openers.real(), null);
    }

    /**
     * For tests: they also choose how start-up opens the history and the vault (slow ones, say), and answer the
     * Save dialog of an export ({@code null}: the real dialog).
     */
    public ConsoleApp(ConsoleOptions options, Openers openers, ExportTarget exportTarget) {
        this.preset = options;
        this.openers = openers;
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
        console = new Console(options, openers);
        // A session's end (logout, systemctl stop, kill) sends SIGTERM, and JavaFX then calls no stop(): without this
        // the alerts still queued for the history were lost and the brokers saw the connections drop.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        view = new MainView(console.viewContext(exportTarget != null ? exportTarget : ExportTarget.saveDialog()));
        view.show(stage);
        console.start();
        LOG.log(Level.INFO, "event=console_started config_dir={0} data_dir={1}", options.configDir(),
                options.dataDir());
    }

    @Override
    public void stop() {
        if (view != null) {
            view.stop();
        }
        closeConsole();
        try {
            // Closed already: the hook would only keep this console reachable (tests start many in one JVM).
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // stop() during the JVM's shutdown: the hook has run or runs now, and finds the console closed.
        }
    }

    /** Once, by whichever comes first: the window closing (stop) or a signal (the shutdown hook). */
    private void closeConsole() {
        if (console != null && closed.compareAndSet(false, true)) {
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
