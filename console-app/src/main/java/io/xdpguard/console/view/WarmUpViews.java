package io.xdpguard.console.view;

import io.xdpguard.console.model.FrameDelta;
import io.xdpguard.console.model.WarmUpFrames;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;
import javafx.scene.Node;

/**
 * Rehearses the alert table with the start-up warm-up's frames ({@link AlertsView#rehearse}): once the table is
 * on screen and while it has had no alert, one made-up frame per pulse, as a burst would bring them; then empties
 * it. Until the table is shown the frames wait in {@link WarmUpFrames}, which is bounded. The first real alert ends
 * the rehearsal at once (the view does that itself).
 */
final class WarmUpViews {
    private static final System.Logger LOG = System.getLogger(WarmUpViews.class.getName());
    /**
     * The table rehearses the warm-up's first frames only (3,000 alerts), then drops the cover while the rest of the
     * warm-up goes on in the background. Rehearsing all of a 20,000-alert warm-up's 200 frames kept the table covered
     * for its 9-12 s and did not make the first burst smoother (load benchmark, three interleaved pairs: publish→row
     * p99 192, 160, 303 ms against 188, 102, 100 ms with these 30).
     */
    private static final int FRAMES = 30;

    private final WarmUpFrames frames;
    private final AlertsView alerts;
    private final Supplier<Node> underCover;
    private int rehearsed;

    /** {@code underCover}: a made-up view to rehearse under the table's cover too (made when the rehearsal starts). */
    WarmUpViews(WarmUpFrames frames, AlertsView alerts, Supplier<Node> underCover) {
        this.frames = frames;
        this.alerts = alerts;
        this.underCover = underCover;
    }

    /** One pulse's share; false once there is nothing left to do and this can be dropped. */
    boolean step(boolean tableShown) {
        if (rehearsed > 0 && !alerts.rehearsing()) {
            return finished("a real alert came");
        }
        if (rehearsed == 0 && !alerts.rehearsable()) {
            return finished("the table already has alerts");
        }
        if (!tableShown) {
            return true;
        }
        if (rehearsed >= FRAMES) {
            alerts.endRehearsal();
            return finished("enough frames");
        }
        FrameDelta next = frames.poll();
        while (next != null && next.alerts().isEmpty()) {
            next = frames.poll();
        }
        if (next == null) {
            if (!frames.over()) {
                return true;
            }
            alerts.endRehearsal();
            return finished("done");
        }
        alerts.rehearse(next.alerts());
        if (rehearsed++ == 0) {
            alerts.rehearseUnderCover(underCover.get());
        }
        return true;
    }

    private boolean finished(String why) {
        frames.close();
        LOG.log(Level.INFO, "event=alert_table_rehearsed frames={0} ended=\"{1}\"", rehearsed, why);
        return false;
    }
}
