package io.xdpguard.console.view;

import io.xdpguard.console.model.HostKey;
import io.xdpguard.console.model.IncidentGroup;
import io.xdpguard.console.model.NotificationThrottle;
import io.xdpguard.protocol.Severity;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * A desktop notification when an incident first reaches HIGH or CRITICAL, at most one per interval; the
 * ones held back are counted in the next. Each incident notifies once.
 */
final class IncidentNotifier {
    private static final System.Logger LOG = System.getLogger(IncidentNotifier.class.getName());
    private static final int REMEMBERED = 10_000;
    private final NotificationThrottle throttle;
    private final LinkedHashSet<String> notified = new LinkedHashSet<>();
    private final Window owner;
    private int shown;

    IncidentNotifier(Window owner, long intervalMs) {
        this.owner = owner;
        this.throttle = new NotificationThrottle(intervalMs);
    }

    void apply(List<IncidentGroup> changed, long now) {
        for (IncidentGroup g : changed) {
            if (!g.active() || g.severity().compareTo(Severity.HIGH) < 0 || !notified.add(g.id())) {
                continue;
            }
            if (notified.size() > REMEMBERED) {
                notified.removeFirst();
            }
            int held = throttle.offer(now);
            if (held < 0) {
                continue;
            }
            String hosts = ViewText.firstFew(g.hosts().stream().map(HostKey::toString).toList());
            Notifications.create().owner(owner).darkStyle().hideAfter(Duration.seconds(8))
                    .title(g.severity().name() + " incident" + (g.multiHost() ? " on " + g.hosts().size() + " hosts" : ""))
                    .text("Target " + ViewText.firstFew(g.targets()) + "\n" + hosts
                            + (held > 0 ? "\n(+" + held + " more incidents held back)" : ""))
                    .showWarning();
            shown++;
        }
    }

    int shown() {
        return shown;
    }

    /**
     * Puts ControlsFX's notification stylesheet first in the window's scene, where its first notification would
     * put it. Added then, it restyles the whole window (every table cell and tile) in the middle of the attack that
     * raised the notification: one frame of 100-180 ms, more in a cold JVM. ControlsFX adds it only if missing.
     */
    static void preinstallStylesheet(Scene scene) {
        String css = popupStylesheet();
        if (css == null) {
            LOG.log(Level.WARNING, "event=notification_stylesheet_not_found");
        } else if (!scene.getStylesheets().contains(css)) {
            scene.getStylesheets().addFirst(css);
        }
    }

    /**
     * The URL ControlsFX gives its own stylesheet. Its package is not open to us, so its resources are not ours to
     * look up; class files are, and the stylesheet lies next to the class, in a jar or a runtime image alike.
     */
    static String popupStylesheet() {
        var own = Notifications.class.getResource("Notifications.class");
        if (own == null) {
            return null;
        }
        String url = own.toExternalForm();
        return url.substring(0, url.length() - "Notifications.class".length()) + "notificationpopup.css";
    }
}
