package io.xdpguard.console.view;

import io.xdpguard.console.model.RateSample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The last ten minutes of one scope (the fleet, or one host): packets/s on one chart, and SYN/s with
 * dropped and would-drop per second on another (they differ by orders of magnitude). Points are added as
 * 1 Hz samples arrive; the time axis slides, it does not rescale. A host's SYN/s chart also draws its agent's
 * SYN/s threshold as a dashed line, so that the analyst sees how close the rate runs to it, and when it crossed.
 */
final class RateCharts {
    private static final int WINDOW_S = 600;

    private final LineChart<Number, Number> packets;
    private final LineChart<Number, Number> syn;
    private final XYChart.Series<Number, Number> pps = series("packets/s");
    private final XYChart.Series<Number, Number> synRate = series("SYN/s");
    private final XYChart.Series<Number, Number> dropped = series("dropped/s");
    private final XYChart.Series<Number, Number> wouldDrop = series("would-drop/s");
    private final XYChart.Series<Number, Number> threshold = series("SYN/s threshold");
    private final VBox root;
    /** The threshold line's level; 0 draws none. */
    private long thresholdPerSec;

    /** {@code withThreshold}: whether the SYN/s chart has a threshold line ({@link #threshold}). */
    RateCharts(String scope, boolean withThreshold) {
        packets = chart(scope + " — packets/s");
        syn = chart(scope + " — SYN/s, dropped/s, would-drop/s");
        packets.getData().add(pps);
        syn.getData().addAll(List.of(synRate, dropped, wouldDrop));
        if (withThreshold) {
            syn.getData().add(threshold);
            syn.getStyleClass().add("with-threshold");
        }
        root = new VBox(6, packets, syn);
        VBox.setVgrow(packets, Priority.ALWAYS);
        VBox.setVgrow(syn, Priority.ALWAYS);
    }

    VBox node() {
        return root;
    }

    void title(String scope) {
        packets.setTitle(scope + " — packets/s");
        syn.setTitle(scope + " — SYN/s, dropped/s, would-drop/s");
    }

    /** The SYN/s threshold to draw across the window (per target, as agents judge a flood); 0 for none. */
    void threshold(long perSec) {
        if (perSec == thresholdPerSec) {
            return;
        }
        thresholdPerSec = perSec;
        drawThreshold();
    }

    private void drawThreshold() {
        NumberAxis x = (NumberAxis) syn.getXAxis();
        if (thresholdPerSec <= 0) {
            threshold.getData().clear();
            return;
        }
        threshold.getData().setAll(List.of(new XYChart.Data<>(x.getLowerBound(), thresholdPerSec),
                new XYChart.Data<>(x.getUpperBound(), thresholdPerSec)));
    }

    void load(List<RateSample> samples) {
        replace(pps, samples, RateSample::pps);
        replace(synRate, samples, RateSample::synPerSec);
        replace(dropped, samples, RateSample::droppedPerSec);
        replace(wouldDrop, samples, RateSample::wouldDropPerSec);
        // A host with no telemetry yet shows the last ten minutes, empty, not the axis' default of 1970's first.
        slide(samples.isEmpty() ? System.currentTimeMillis() : samples.getLast().at());
    }

    void add(List<RateSample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        append(pps, samples, RateSample::pps);
        append(synRate, samples, RateSample::synPerSec);
        append(dropped, samples, RateSample::droppedPerSec);
        append(wouldDrop, samples, RateSample::wouldDropPerSec);
        slide(samples.getLast().at());
    }

    private void slide(long lastMs) {
        double upper = lastMs / 1000.0;
        for (LineChart<Number, Number> c : List.of(packets, syn)) {
            NumberAxis x = (NumberAxis) c.getXAxis();
            x.setLowerBound(upper - WINDOW_S);
            x.setUpperBound(upper);
        }
        if (thresholdPerSec > 0) {
            drawThreshold();
        }
        double cutoff = upper - WINDOW_S;
        for (XYChart.Series<Number, Number> s : List.of(pps, synRate, dropped, wouldDrop)) {
            int stale = 0;
            while (stale < s.getData().size() && s.getData().get(stale).getXValue().doubleValue() < cutoff) {
                stale++;
            }
            if (stale > 0) {
                s.getData().remove(0, stale);
            }
        }
    }

    private static void replace(XYChart.Series<Number, Number> s, List<RateSample> samples, ToLongFunction<RateSample> f) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(samples.size());
        for (RateSample r : samples) {
            points.add(new XYChart.Data<>(r.at() / 1000.0, f.applyAsLong(r)));
        }
        s.getData().setAll(points);
    }

    private static void append(XYChart.Series<Number, Number> s, List<RateSample> samples, ToLongFunction<RateSample> f) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(samples.size());
        for (RateSample r : samples) {
            points.add(new XYChart.Data<>(r.at() / 1000.0, f.applyAsLong(r)));
        }
        s.getData().addAll(points);
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }

    private static LineChart<Number, Number> chart(String title) {
        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        x.setTickUnit(60);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return ViewText.clock((long) (n.doubleValue() * 1000));
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException("axis labels are not parsed");
            }
        });
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setMinHeight(160);
        return c;
    }
}
