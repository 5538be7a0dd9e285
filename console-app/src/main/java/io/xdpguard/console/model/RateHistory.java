package io.xdpguard.console.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} one-second samples of one host or the fleet, as a ring. Appended by the fleet
 * thread; copied out by the FX thread only when a chart switches host, hence the plain lock.
 */
public final class RateHistory {
    private final RateSample[] ring;
    private int next;
    private int size;

    public RateHistory(int capacity) {
        ring = new RateSample[capacity];
    }

    public synchronized void add(RateSample sample) {
        ring[next] = sample;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    public synchronized List<RateSample> snapshot() {
        List<RateSample> out = new ArrayList<>(size);
        int start = (next - size + ring.length) % ring.length;
        for (int i = 0; i < size; i++) {
            out.add(ring[(start + i) % ring.length]);
        }
        return out;
    }
}
