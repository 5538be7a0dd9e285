package io.xdpguard.console.model;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The most recent alert keys (site, host, id) the fleet has seen, so that a replay is told from a new alert.
 * Exact: a key is found only if the same three strings were added, never by a hash alone.
 *
 * <p>Why not a {@code LinkedHashSet<AlertKey>}: under a burst every alert added an entry, a key and its three
 * strings that stayed for the next 200,000 alerts, so each was copied by two young collections and then
 * promoted, only to die in the old generation, where it started G1's concurrent cycles (a remark pause and mixed
 * collections each time). In the load benchmark's warm bursts G1 copied 12-14 MB per young pause with the set and
 * about 9 MB without, its pauses 28-36 ms against 17-28 ms. Here the keys' characters are copied into one
 * circular array, and the ring and the index are primitive arrays, grown by doubling up to the bounds and then
 * reused: once grown, adding allocates nothing.
 *
 * <p>Bounded twice: at most {@code capacity} keys, and at most {@code capacity × 64} characters of them (site,
 * host and id, each with its length); past either bound the oldest are forgotten first. Keys of the edge agent
 * (a host name, a time and a counter) are about 45 characters, so the count is what bounds them.
 *
 * <p>Single-threaded (the fleet thread).
 */
final class RecentAlertIds {
    private static final int CHARS_PER_KEY = 64;
    private static final int INITIAL_CAPACITY = 1_024;
    private static final int MAX_CAPACITY = (Integer.MAX_VALUE - 8) / CHARS_PER_KEY;

    private final int capacity;
    // The ring of remembered keys, oldest at head: each key's hash, start (a position in the stream of
    // characters ever written, its offset in the array modulo the array's length) and length. The arrays start
    // small and double up to the bounds, so that a console which sees few alerts holds little.
    private int[] hashes;
    private long[] starts;
    private int[] lengths;
    private char[] chars;
    // Open addressing with linear probing: ring slot + 1, 0 for empty; at most half full.
    private int[] index;
    private int indexMask;
    // A seed of our own, so that keys chosen to collide in String.hashCode do not cluster in the index.
    private final int seed = ThreadLocalRandom.current().nextInt();
    private int head;
    private int size;
    private long written;

    RecentAlertIds(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("alert ids to remember must be 1 to " + MAX_CAPACITY + ": " + capacity);
        }
        this.capacity = capacity;
        allocate(Math.min(capacity, INITIAL_CAPACITY));
    }

    private void allocate(int keys) {
        hashes = new int[keys];
        starts = new long[keys];
        lengths = new int[keys];
        chars = new char[keys * CHARS_PER_KEY];
        index = new int[Integer.highestOneBit(keys) << 2];
        indexMask = index.length - 1;
    }

    /** @return true if the key was not among the remembered ones (it is now), false for a replay */
    boolean add(String site, String host, String id) {
        int hash = hash(site, host, id);
        int length = site.length() + host.length() + id.length() + 3;
        for (int i = hash & indexMask; index[i] != 0; i = (i + 1) & indexMask) {
            int slot = index[i] - 1;
            if (hashes[slot] == hash && lengths[slot] == length && sameKey(slot, site, host, id)) {
                return false;
            }
        }
        while (length > chars.length && hashes.length < capacity) {
            grow();
        }
        if (length > chars.length) {
            // Longer than all the room there is (only with a tiny capacity): not remembered, so shown again if
            // replayed; never dropped.
            return true;
        }
        while (size > 0 && (size == hashes.length || written + length - starts[head] > chars.length)) {
            if (hashes.length < capacity) {
                grow();
            } else {
                forgetOldest();
            }
        }
        int slot = (head + size) % hashes.length;
        hashes[slot] = hash;
        starts[slot] = written;
        lengths[slot] = length;
        int at = offset(written);
        at = put(at, site);
        at = put(at, host);
        put(at, id);
        written += length;
        size++;
        indexSlot(slot);
        return true;
    }

    /** Puts ring slot {@code slot} in the index, at the first free place from its hash's. */
    private void indexSlot(int slot) {
        int i = hashes[slot] & indexMask;
        while (index[i] != 0) {
            i = (i + 1) & indexMask;
        }
        index[i] = slot + 1;
    }

    /** Twice the room (up to the bounds), the keys kept in order from the start of the new arrays. */
    private void grow() {
        int[] oldHashes = hashes;
        long[] oldStarts = starts;
        int[] oldLengths = lengths;
        char[] oldChars = chars;
        int oldHead = head;
        allocate((int) Math.min(capacity, 2L * hashes.length));
        written = 0;
        for (int k = 0; k < size; k++) {
            int from = (oldHead + k) % oldHashes.length;
            int at = (int) (oldStarts[from] % oldChars.length);
            for (int c = 0; c < oldLengths[from]; c++) {
                chars[(int) written + c] = oldChars[at];
                at = at + 1 == oldChars.length ? 0 : at + 1;
            }
            hashes[k] = oldHashes[from];
            starts[k] = written;
            lengths[k] = oldLengths[from];
            written += oldLengths[from];
            indexSlot(k);
        }
        head = 0;
    }

    int size() {
        return size;
    }

    private int offset(long position) {
        return (int) (position % chars.length);
    }

    private int next(int at) {
        return at + 1 == chars.length ? 0 : at + 1;
    }

    /** @return the offset after {@code s}, stored at {@code at} after its length */
    private int put(int at, String s) {
        chars[at] = (char) s.length();
        at = next(at);
        for (int k = 0; k < s.length(); k++) {
            chars[at] = s.charAt(k);
            at = next(at);
        }
        return at;
    }

    /** Whether ring slot {@code slot}, of the same length, holds this key. */
    private boolean sameKey(int slot, String site, String host, String id) {
        int at = matches(offset(starts[slot]), site);
        if (at >= 0) {
            at = matches(at, host);
        }
        return at >= 0 && matches(at, id) >= 0;
    }

    /** @return the offset after {@code s} if it is stored at {@code at} after its length, or -1 */
    private int matches(int at, String s) {
        if (chars[at] != s.length()) {
            return -1;
        }
        at = next(at);
        for (int k = 0; k < s.length(); k++) {
            if (chars[at] != s.charAt(k)) {
                return -1;
            }
            at = next(at);
        }
        return at;
    }

    private void forgetOldest() {
        int slot = head;
        int i = hashes[slot] & indexMask;
        while (index[i] != slot + 1) {
            i = (i + 1) & indexMask;
        }
        // Backward-shift deletion: pull later entries of the probe run into the hole, so no tombstones pile up.
        for (int j = (i + 1) & indexMask; index[j] != 0; j = (j + 1) & indexMask) {
            int home = hashes[index[j] - 1] & indexMask;
            boolean homeInHole = j > i ? home <= i || home > j : home <= i && home > j;
            if (homeInHole) {
                index[i] = index[j];
                i = j;
            }
        }
        index[i] = 0;
        head = (head + 1) % hashes.length;
        size--;
    }

    private int hash(String site, String host, String id) {
        int h = seed;
        h = mix(h, site);
        h = mix(h, host);
        h = mix(h, id);
        // Murmur3's finaliser: the index uses the low bits.
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    private static int mix(int h, String s) {
        h = (h ^ s.length()) * 0x01000193;
        for (int k = 0; k < s.length(); k++) {
            h = (h ^ s.charAt(k)) * 0x01000193;
        }
        return h;
    }
}
