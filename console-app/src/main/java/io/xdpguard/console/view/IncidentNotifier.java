package io.xdpguard.console.view;

import io.xdpguard.console.model.HostKey;
import io.xdpguard.console.model.IncidentGroup;
import io.xdpguard.console.model.NotificationThrottle;
import io.xdpguard.protocol.Severity;
import java.util.LinkedHashSet;
import java.util.List;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * A desktop notification when an incident first reaches HIGH or CRITICAL, at most one per interval; the
 * ones held back are counted in the next. Each incident notifies once.
 */
final class IncidentNotifier {
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
}
