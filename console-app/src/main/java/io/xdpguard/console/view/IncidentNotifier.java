package io.xdpguard.console.view;

import io.xdpguard.console.model.HostKey;
import io.xdpguard.console.model.IncidentGroup;
import io.xdpguard.console.model.NotificationThrottle;
import io.xdpguard.protocol.Severity;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.NotificationPane;
import org.controlsfx.control.Notifications;
import org.controlsfx.dialog.ExceptionDialog;

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
    // ControlsFX's warning sign, decoded once (in the background): showWarning() decodes the PNG for every one.
    private final Image warning;
    private int shown;

    IncidentNotifier(Window owner, long intervalMs) {
        this.owner = owner;
        this.throttle = new NotificationThrottle(intervalMs);
        String signUrl = beside(ExceptionDialog.class, "dialog-warning.png");
        this.warning = signUrl == null ? null : new Image(signUrl, true);
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
            Notifications.create().owner(owner).darkStyle().hideAfter(Duration.seconds(8)).graphic(sign())
                    .title(g.severity().name() + " incident" + (g.multiHost() ? " on " + g.hosts().size() + " hosts" : ""))
                    .text(text(ViewText.firstFew(g.targets()), hosts, held))
                    .show();
            shown++;
        }
    }

    private static String text(String targets, String hosts, int held) {
        return "Target " + targets + "\n" + hosts
                + (held > 0 ? "\n(+" + ViewText.count(held, "more incident") + " held back)" : "");
    }

    private Node sign() {
        return warning == null ? null : new ImageView(warning);
    }

    /**
     * A made-up notification for the start-up rehearsal, to go under the alert table's cover: ControlsFX's
     * notification bar with a real one's text and sign. The first real notification is the first time the JVM
     * runs that bar's code, layout and styles, and it comes at the start of an attack: one frame of 165-245 ms on an
     * idle machine, 64-96 ms after this rehearsal (the popup window itself is left to the real one); in the load
     * benchmark's cold burst 111-181 ms against 177-202 ms (README).
     */
    Node rehearsal() {
        NotificationPane pane = new NotificationPane(new Region());
        pane.getStyleClass().add(NotificationPane.STYLE_CLASS_DARK);
        pane.show(text("198.18.0.1", "xg-warmup/warm-00", 1), sign());
        return pane;
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
        return beside(Notifications.class, "notificationpopup.css");
    }

    /** The URL of the resource {@code name} in the package of {@code type}, or null. */
    private static String beside(Class<?> type, String name) {
        String file = type.getSimpleName() + ".class";
        var own = type.getResource(file);
        if (own == null) {
            return null;
        }
        String url = own.toExternalForm();
        return url.substring(0, url.length() - file.length()) + name;
    }
}
