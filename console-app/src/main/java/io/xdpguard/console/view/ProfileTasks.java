package io.xdpguard.console.view;

import io.xdpguard.console.mqtt.BrokerConnections;
import io.xdpguard.console.mqtt.BrokerSession;
import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.console.profile.ProfileStore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * What the connections view asks of the profile store and the broker connections, run on the profile thread
 * ("xg-profiles"): reading profiles.json, and saving or removing a profile, which asks the desktop keyring over
 * D-Bus and may wait on it for as long as it likes (a locked keyring, a hung service). Each task ends in a
 * {@link Done} that the view picks up on a later frame; none throws, so the view never waits for one.
 * The broker is (re)connected or closed only once the store has taken the change: a connection never runs
 * with settings the store refused.
 */
final class ProfileTasks {
    private static final System.Logger LOG = System.getLogger(ProfileTasks.class.getName());

    /**
     * How a task ended: whether it did what was asked, the words for the form, and the saved profiles as they
     * are now ({@code null}: they could not be read, the list stays as it is).
     */
    record Done(boolean ok, String text, List<ConnectionProfile> profiles) {
    }

    private final ProfileStore store;
    private final BrokerConnections connections;
    private final Executor worker;

    ProfileTasks(ProfileStore store, BrokerConnections connections, Executor worker) {
        this.store = store;
        this.connections = connections;
        this.worker = worker;
    }

    CompletableFuture<Done> list() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new Done(true, "", store.load());
            } catch (IOException e) {
                return new Done(false, e.getMessage(), null);
            }
        }, worker);
    }

    /**
     * Saves {@code p}; an empty password or key password keeps the stored one (the form never shows them), so
     * then the stored secrets are read first, here too (a keyring call as well). A changed site filter means
     * another broker session: the one kept for the old filter is dropped on the broker, else it would go on
     * queueing alerts for nobody until it expires.
     */
    CompletableFuture<Done> save(ConnectionProfile p, String password, String keyPassword) {
        return CompletableFuture.supplyAsync(() -> {
            ProfileSecrets secrets;
            ConnectionProfile before = stored(p.name());
            boolean otherSession = before != null && !BrokerSession.sameSession(before, p);
            ProfileSecrets beforeSecrets = null;
            try {
                ProfileSecrets old = password.isEmpty() || keyPassword.isEmpty() ? store.secrets(p.name()) : null;
                secrets = new ProfileSecrets(password.isEmpty() ? old.password() : password,
                        keyPassword.isEmpty() ? old.keyPassword() : keyPassword);
                if (otherSession) {
                    // Read before the save replaces them; the keyring is asked once if they were read above.
                    beforeSecrets = old != null ? old : storedSecrets(p.name());
                }
                store.save(p, secrets);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "event=profile_save_failed profile={0} detail=\"{1}\"", p.name(), reason(e));
                return new Done(false, "Not saved: " + reason(e) + ". The form still holds what you typed: correct it "
                        + "or save again.", profilesNow());
            }
            connections.open(p, secrets);
            if (otherSession) {
                connections.forget(before, beforeSecrets);
            }
            LOG.log(Level.INFO, "event=profile_saved profile={0} url={1}", p.name(), p.url());
            return new Done(true, "Saved " + p.name() + (p.enabled() ? "; connecting." : "; not connecting (off)."),
                    profilesNow());
        }, worker);
    }

    /** Removes the profile, and has its broker drop the session kept there for it (and the alerts queued in it). */
    CompletableFuture<Done> remove(String name) {
        return CompletableFuture.supplyAsync(() -> {
            ConnectionProfile before = stored(name);
            ProfileSecrets beforeSecrets = before == null ? null : storedSecrets(name);
            try {
                store.remove(name);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "event=profile_remove_failed profile={0} detail=\"{1}\"", name, reason(e));
                return new Done(false, "Not removed: " + reason(e) + ". " + name + " stays as it was.", profilesNow());
            }
            connections.close(name);
            if (before != null) {
                connections.forget(before, beforeSecrets);
            }
            LOG.log(Level.INFO, "event=profile_removed profile={0}", name);
            return new Done(true, "Removed " + name + ".", profilesNow());
        }, worker);
    }

    /** The profile as stored before a change; null if there is none (or the file cannot be read). */
    private ConnectionProfile stored(String name) {
        List<ConnectionProfile> all = profilesNow();
        return all == null ? null : all.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** Its secrets, to drop its broker session with; none if they cannot be read (the broker may then refuse). */
    private ProfileSecrets storedSecrets(String name) {
        try {
            return store.secrets(name);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "event=profile_secrets_unreadable profile={0} detail=\"{1}\"", name, reason(e));
            return ProfileSecrets.NONE;
        }
    }

    /** After a change (or a refused one): the list shows what is stored, whatever the form says. */
    private List<ConnectionProfile> profilesNow() {
        try {
            return store.load();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=profiles_unreadable detail=\"{0}\"", e.getMessage());
            return null;
        }
    }

    private static String reason(Exception e) {
        String why = e instanceof IOException && e.getMessage() != null ? e.getMessage() : e.toString();
        // It is followed by a sentence of ours.
        return why.endsWith(".") ? why.substring(0, why.length() - 1) : why;
    }
}
