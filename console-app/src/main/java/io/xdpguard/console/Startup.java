package io.xdpguard.console;

import io.xdpguard.console.ingest.FleetPipeline;
import io.xdpguard.console.ingest.Warmup;
import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.model.StartupProgress;
import io.xdpguard.console.model.StartupProgress.Phase;
import io.xdpguard.console.model.StartupProgress.Step;
import io.xdpguard.console.model.Inbound;
import io.xdpguard.console.model.WarmUpFrames;
import io.xdpguard.console.mqtt.BrokerConnections;
import io.xdpguard.console.mqtt.Rehearsal;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.console.profile.ProfileStore;
import io.xdpguard.console.sched.Background;
import io.xdpguard.console.store.AlertHistory;
import io.xdpguard.console.store.HistoryGate;
import io.xdpguard.console.store.ReceiveLog;
import io.xdpguard.console.store.ScratchHistory;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.Message;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The start-up work that can take seconds, off the FX thread, so that the window is up at once and says what
 * is still going on ({@link StartupProgress}). Two threads, side by side, because neither should wait for the
 * other: "xg-start-history" opens the alert history and refills the live window from it; "xg-start-secrets"
 * opens the secret vault (the keyring probe) and then connects the saved profiles. The --broker URLs need no
 * secret and connect at once. Alerts that come before the history is open wait in the {@link HistoryGate}.
 * Each thread ends with its step; a failed history can be tried again ({@link #retryHistory}). A third,
 * "xg-warmup", at storage priority, runs made-up alerts through the console's MQTT client from a loopback feed
 * ({@link Rehearsal}) into scratch copies of the fleet thread's work and of the history ({@link Warmup}), and
 * hands their frames to the views ({@link WarmUpFrames}) to rehearse the alert table. Nothing connects before the
 * receive log ({@link ReceiveLog}) is open ("xg-start-log"): a kept session's queued alerts come at once.
 */
final class Startup implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Startup.class.getName());
    /** How often the receive log starts a new segment, so that the stored ones can go. */
    private static final Duration TRIM_EVERY = Duration.ofSeconds(2);
    private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(2);

    private final ConsoleOptions options;
    private final Openers openers;
    private final Codec codec;
    private final Clock clock;
    private final HistoryGate gate;
    private final FleetPipeline pipeline;
    private final ProfileStore profiles;
    private final BrokerConnections connections;
    private final StartupProgress progress = new StartupProgress();
    private final CompletableFuture<Warmup.Result> warmedUp = new CompletableFuture<>();
    private final WarmUpFrames warmUpFrames;
    private final Consumer<ReceiveLog> logOpened;
    private final CompletableFuture<Optional<ReceiveLog>> logReady = new CompletableFuture<>();
    private Thread warmUpThread;
    private volatile boolean stopWarmUp;
    // Guarded by this: after close, a step that finishes late hands nothing over (a late history is closed
    // again, so its file lock is not kept) and connects nothing.
    private boolean closed;

    Startup(ConsoleOptions options, Openers openers, Codec codec, Clock clock, HistoryGate gate,
            FleetPipeline pipeline, ProfileStore profiles, BrokerConnections connections, WarmUpFrames warmUpFrames,
            Consumer<ReceiveLog> logOpened) {
        this.options = options;
        this.logOpened = logOpened;
        this.warmUpFrames = warmUpFrames;
        this.openers = openers;
        this.codec = codec;
        this.clock = clock;
        this.gate = gate;
        this.pipeline = pipeline;
        this.profiles = profiles;
        this.connections = connections;
    }

    StartupProgress progress() {
        return progress;
    }

    void start() {
        // Normal priority, like the secrets' thread: the broker threads it starts inherit it.
        launch("xg-start-log", Background.INGEST, this::openReceiveLogThenConnect);
        // The history and its H2 threads (started from this one) at storage priority, as in service.
        launch("xg-start-history", Background.STORAGE, this::openHistory);
        // Normal priority: the broker threads it starts inherit it, and a thread cannot win back priority.
        launch("xg-start-secrets", Background.INGEST, this::openSecretsThenConnect);
        if (options.warmUpAlerts() > 0) {
            warmUpThread = Background.thread("xg-warmup", Background.STORAGE, this::warmUp);
            warmUpThread.start();
        } else {
            warmUpFrames.finish();
            warmedUp.complete(new Warmup.Result(0, 0, 0));
        }
    }

    /** Completes when the start-up warm-up is over (at once without one); never fails. */
    CompletableFuture<Warmup.Result> warmedUp() {
        return warmedUp;
    }

    /**
     * Its journal is a scratch history in a temporary directory (the same database and statements as the real one,
     * deleted at the end): writing alerts is a good part of a burst's work too. A warm-up that fails costs only
     * speed, so it is logged and nothing else; without a loopback socket the messages are decoded directly instead.
     */
    private void warmUp() {
        Warmup.Result result = new Warmup.Result(0, 0, 0);
        try (ScratchHistory scratchFile = ScratchHistory.open(codec.mapper(), clock, options.retention(),
                options.maxHistoryRows())) {
            AlertHistory scratch = scratchFile.history();
            Warmup warmup = new Warmup(options.limits(), scratch, warmUpFrames::offer);
            List<Message> fleet = Warmup.fleet(options.warmUpAlerts());
            var received = new LinkedBlockingQueue<Inbound>();
            String path = "loopback MQTT";
            Rehearsal link = null;
            try {
                link = Rehearsal.start(Warmup.BROKER, codec, fleet, received::add);
            } catch (IOException e) {
                // Without the MQTT client's share, the rest is still worth warming.
                LOG.log(Level.WARNING, "event=warm_up_without_mqtt detail=\"{0}\"", e.getMessage());
                path = "decoded directly";
                Rehearsal.decode(Warmup.BROKER, codec, fleet, received::add, () -> stopWarmUp);
            }
            try {
                result = warmup.apply(received, fleet.size(), 5_000, () -> stopWarmUp);
            } finally {
                if (link != null) {
                    link.close();
                }
            }
            if (stopWarmUp) {
                // Closing must not wait for writes to a history that is thrown away next.
                scratch.discardPending();
                LOG.log(Level.INFO, "event=warm_up_stopped detail=\"console closed\"");
            } else {
                scratch.flush(Duration.ofSeconds(30));
                LOG.log(Level.INFO, "event=warm_up_done alerts={0} messages={1} of={2} via=\"{3}\" frames={4} ms={5}",
                        options.warmUpAlerts(), result.messages(), fleet.size(), path, result.frames(),
                        result.millis());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "event=warm_up_failed detail=\"{0}\"", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            warmUpFrames.finish();
            warmedUp.complete(result);
        }
    }

    /**
     * A warm-up still going is asked to stop, and waited for, so that its threads (the loopback feed, its MQTT
     * client) are gone when the console is.
     */
    private void stopWarmUp() {
        stopWarmUp = true;
        Thread warming = warmUpThread;
        if (warming != null && warming.isAlive() && warming != Thread.currentThread()) {
            try {
                warming.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** After a failure (e.g. another console held the database): one more try, on a new start-up thread. */
    synchronized void retryHistory() {
        if (closed || progress.snapshot().history().phase() != Phase.FAILED) {
            return;
        }
        progress.history(Step.running(StartupProgress.OPENING_HISTORY));
        launch("xg-start-history", Background.STORAGE, this::openHistory);
    }

    private static void launch(String name, int nice, Runnable step) {
        Background.thread(name, nice, step).start();
    }

    /** Opens the receive log, then connects the --broker URLs (they need no secret). */
    private void openReceiveLogThenConnect() {
        try {
            Optional<ReceiveLog> log = ReceiveLog.open(options.dataDir());
            synchronized (this) {
                if (closed) {
                    log.ifPresent(ReceiveLog::close);
                    return;
                }
                log.ifPresent(l -> {
                    logOpened.accept(l);
                    l.trimEvery(TRIM_EVERY, pipeline::durable, pipeline::lost);
                });
                logReady.complete(log);
                int n = 0;
                for (String url : options.brokers()) {
                    connections.open(ConnectionProfile.plain("cli-" + ++n, url), ProfileSecrets.NONE);
                }
            }
        } finally {
            // The history and the saved profiles wait for it: they go on without a log rather than never.
            logReady.complete(Optional.empty());
        }
    }

    private void openHistory() {
        long started = System.nanoTime();
        AlertHistory history;
        try {
            history = openers.history().open(options, codec.mapper(), clock);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof IOException ? e.getMessage()
                    : "cannot open alert history in " + options.dataDir() + ": " + e;
            LOG.log(Level.ERROR, "event=history_unavailable detail=\"{0}\"", why);
            progress.history(Step.failed(why));
            return;
        }
        int recovered = recover(history);
        List<AlertEntry> recent;
        try {
            recent = history.recent(options.limits().maxLiveAlerts());
        } catch (IOException e) {
            // The history still stores what comes; only the refill of the live window is lost.
            LOG.log(Level.WARNING, "event=history_restore_failed detail=\"{0}\"", e.getMessage());
            recent = List.of();
        }
        synchronized (this) {
            if (closed) {
                history.close();
                return;
            }
            pipeline.restore(recent);
            gate.open(history);
        }
        LOG.log(Level.INFO, "event=history_opened reloaded={0} recovered={1} ms={2}", recent.size(), recovered,
                since(started));
        String kept = recovered == 0 ? ""
                : "; " + recovered + (recovered == 1 ? " alert" : " alerts") + " from before a crash recovered";
        progress.history(Step.done("Alert history open; " + recent.size() + " recent alerts reloaded" + kept));
    }

    /** Stores what the receive log kept from a run that ended before its history had it; how many alerts. */
    private int recover(AlertHistory history) {
        Optional<ReceiveLog> log = logReady.join();
        if (log.isEmpty()) {
            return 0;
        }
        long before = count(history);
        int read;
        try {
            read = log.get().replayInto(history, codec, REPLAY_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        if (read == 0) {
            return 0;
        }
        // Only for what start-up says: an unreadable count does not stop the replay.
        long added = before < 0 ? -1 : count(history) - before;
        LOG.log(Level.INFO, "event=receive_log_replayed alerts={0} new={1}", read, added);
        return (int) Math.max(0, added);
    }

    private static long count(AlertHistory history) {
        try {
            return history.count();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=history_count_failed detail=\"{0}\"", e.getMessage());
            return -1;
        }
    }

    private void openSecretsThenConnect() {
        long started = System.nanoTime();
        try {
            profiles.openSecrets(openers.secrets());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "event=secret_store_failed detail=\"{0}\"", e.toString());
            progress.secrets(Step.failed("Saved connections not started: their secrets cannot be opened: " + e));
            return;
        }
        List<ConnectionProfile> saved;
        try {
            saved = profiles.load();
        } catch (IOException e) {
            LOG.log(Level.ERROR, "event=profiles_unreadable detail=\"{0}\"", e.getMessage());
            progress.secrets(Step.failed("Saved connections not started: " + e.getMessage()));
            return;
        }
        progress.secrets(Step.running("Connecting saved brokers…"));
        logReady.join();
        List<String> unread = new ArrayList<>();
        for (ConnectionProfile p : saved) {
            ProfileSecrets secrets;
            try {
                secrets = profiles.secrets(p.name());
            } catch (IOException e) {
                // Without its password the broker would only refuse it, with a less helpful reason.
                LOG.log(Level.ERROR, "event=profile_secrets_unreadable profile={0} detail=\"{1}\"", p.name(),
                        e.getMessage());
                unread.add(p.name() + " (" + e.getMessage() + ")");
                continue;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                connections.open(p, secrets);
            }
        }
        LOG.log(Level.INFO, "event=saved_profiles_started profiles={0} unreadable={1} ms={2}", saved.size(),
                unread.size(), since(started));
        String store = "keyring".equals(profiles.secretStore()) ? "the desktop keyring" : "secrets.p12";
        progress.secrets(unread.isEmpty() ? Step.done("Saved connections started; secrets in " + store)
                : Step.failed("Not connected, secrets unreadable: " + String.join(", ", unread)));
    }

    private static long since(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        stopWarmUp();
    }
}
