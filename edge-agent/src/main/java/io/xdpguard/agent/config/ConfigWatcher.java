package io.xdpguard.agent.config;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Watches the config file's directory ("xdpguard-config" thread) and calls back when the file changes,
 * so that editors that replace the file (write to a temp file, rename) are seen too.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = System.getLogger("config");

    private final Path file;
    private final Runnable onChange;
    private final WatchService watch;
    private final Thread thread;

    public ConfigWatcher(Path file, Runnable onChange) throws IOException {
        this.file = file.toAbsolutePath();
        this.onChange = onChange;
        this.watch = FileSystems.getDefault().newWatchService();
        this.file.getParent().register(watch, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
        this.thread = Thread.ofPlatform().name("xdpguard-config").daemon(true).unstarted(this::run);
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean ours = key.pollEvents().stream()
                        .anyMatch(e -> file.getFileName().equals(e.context()));
                key.reset();
                if (ours) {
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "config watcher stopped, SIGHUP still reloads: {0}", e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}
