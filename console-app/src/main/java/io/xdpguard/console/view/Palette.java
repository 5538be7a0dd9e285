package io.xdpguard.console.view;

import io.xdpguard.console.model.HostSnapshot;
import io.xdpguard.console.model.Liveness;
import javafx.scene.paint.Color;

/**
 * Tile colours. TilesFX paints tiles from properties, not CSS, so these mirror the looked-up colours of
 * console.css (keep both in step); they are the only colours set from code.
 */
final class Palette {
    static final Color CRITICAL = Color.web("#b62324");
    static final Color HIGH = Color.web("#bd561d");
    static final Color MEDIUM = Color.web("#9e6a03");
    static final Color LOW = Color.web("#1f4f8f");
    static final Color OK = Color.web("#1b3a26");
    static final Color OVER_THRESHOLD = Color.web("#7d4e00");
    static final Color SILENT = Color.web("#3d2f5a");
    static final Color OFFLINE = Color.web("#30363d");
    static final Color FOREGROUND = Color.web("#e6edf3");

    private Palette() {
    }

    static Color tile(HostSnapshot h) {
        if (h.worst() != null) {
            return switch (h.worst()) {
                case CRITICAL -> CRITICAL;
                case HIGH -> HIGH;
                case MEDIUM -> MEDIUM;
                case LOW -> LOW;
            };
        }
        if (h.liveness() == Liveness.OFFLINE) {
            return OFFLINE;
        }
        if (h.liveness() == Liveness.SILENT) {
            return SILENT;
        }
        return h.synThreshold() > 0 && h.synPerSec() >= h.synThreshold() ? OVER_THRESHOLD : OK;
    }
}
