package io.xdpguard.console.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The last {@code capacity} one-second samples of one host or the fleet, as a ring. Appended by the fleet
 * thread; copied out by the FX thread only when a chart switches host, hence the plain lock.
 *
 * <p>The samples are kept as columns of primitives, not as {@link RateSample} objects: with 500 hosts and ten
 * minutes, 300,000 samples that live for ten minutes each, 12 MB instead of 18 MB, and nothing for the collector to
 * trace or copy. The columns start small and double up to {@code capacity}, so a host seen for a minute holds a
 * minute.
 */
public final class RateHistory {
    private static final int FIRST_ROOM = 64;

    private final int capacity;
    private long[] at;
    private long[] pps;
    private long[] syn;
    private long[] dropped;
    private long[] wouldDrop;
    private int next;
    private int size;

    public RateHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        int room = Math.min(capacity, FIRST_ROOM);
        at = new long[room];
        pps = new long[room];
        syn = new long[room];
        dropped = new long[room];
        wouldDrop = new long[room];
    }

    public synchronized void add(RateSample sample) {
        if (size == at.length && at.length < capacity) {
            grow();
        }
        at[next] = sample.at();
        pps[next] = sample.pps();
        syn[next] = sample.synPerSec();
        dropped[next] = sample.droppedPerSec();
        wouldDrop[next] = sample.wouldDropPerSec();
        next = (next + 1) % at.length;
        size = Math.min(size + 1, at.length);
    }

    public synchronized List<RateSample> snapshot() {
        List<RateSample> out = new ArrayList<>(size);
        int start = (next - size + at.length) % at.length;
        for (int i = 0; i < size; i++) {
            int k = (start + i) % at.length;
            out.add(new RateSample(at[k], pps[k], syn[k], dropped[k], wouldDrop[k]));
        }
        return out;
    }

    /** Only while the ring is not yet full size and full: its samples are in order from 0, so they stay put. */
    private void grow() {
        int room = Math.min(capacity, at.length * 2);
        at = Arrays.copyOf(at, room);
        pps = Arrays.copyOf(pps, room);
        syn = Arrays.copyOf(syn, room);
        dropped = Arrays.copyOf(dropped, room);
        wouldDrop = Arrays.copyOf(wouldDrop, room);
        next = size;
    }
}
