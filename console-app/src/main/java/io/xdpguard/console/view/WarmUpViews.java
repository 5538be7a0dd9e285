package io.xdpguard.console.view;

import io.xdpguard.console.model.FrameDelta;
import io.xdpguard.console.model.WarmUpFrames;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;

/**
 * Rehearses the alert table with the start-up warm-up's frames ({@link AlertsView#rehearse}): once the table is
 * on screen and while it has had no alert, one made-up frame per pulse, as a burst would bring them; then empties
 * it. The first real alert ends the rehearsal at once (the view does that itself).
 */
final class WarmUpViews {
    private static final System.Logger LOG = System.getLogger(WarmUpViews.class.getName());

    private final WarmUpFrames frames;
    private final AlertsView alerts;
    private final ArrayDeque<FrameDelta> held = new ArrayDeque<>();
    private int rehearsed;
    private long fxNanos;
    private long worstNanos;

    WarmUpViews(WarmUpFrames frames, AlertsView alerts) {
        this.frames = frames;
        this.alerts = alerts;
    }

    /** One pulse's share; false once there is nothing left to do and this can be dropped. */
    boolean step(boolean tableShown) {
        for (FrameDelta d = frames.poll(); d != null; d = frames.poll()) {
            if (!d.alerts().isEmpty()) {
                held.add(d);
            }
        }
        if (rehearsed > 0 && !alerts.rehearsing()) {
            return finished("a real alert came");
        }
        if (rehearsed == 0 && !alerts.rehearsable()) {
            return finished("the table already has alerts");
        }
        if (!tableShown) {
            return true;
        }
        FrameDelta next = held.poll();
        if (next == null) {
            if (!frames.over()) {
                return true;
            }
            alerts.endRehearsal();
            return finished("done");
        }
        long started = System.nanoTime();
        alerts.rehearse(next.alerts());
        long spent = System.nanoTime() - started;
        fxNanos += spent;
        worstNanos = Math.max(worstNanos, spent);
        rehearsed++;
        return true;
    }

    private boolean finished(String why) {
        held.clear();
        LOG.log(Level.INFO, "event=alert_table_rehearsed frames={0} ended=\"{1}\" apply_ms={2} worst_apply_ms={3}",
                rehearsed, why, fxNanos / 1_000_000, worstNanos / 1_000_000);
        return false;
    }
}
