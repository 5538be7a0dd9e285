package io.xdpguard.agent.bpf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A map of a loaded object, used through its fd with the low-level bpf_map_* calls. Keys and values
 * are raw segments of {@link #keySize()} / {@link #valueSize()} bytes; for per-CPU maps values hold
 * one 8-byte-aligned slot per possible CPU ({@link #lookupSize()}).
 */
public final class BpfMap {
    public static final long BPF_ANY = 0;
    public static final long BPF_NOEXIST = 1;
    public static final long BPF_EXIST = 2;

    static final int TYPE_PERCPU_HASH = 5;
    static final int TYPE_PERCPU_ARRAY = 6;
    static final int TYPE_LRU_PERCPU_HASH = 10;

    private final String name;
    private final int fd;
    private final int keySize;
    private final int valueSize;
    private final int maxEntries;
    private final int type;
    private final int cpus;

    private BpfMap(String name, int fd, int keySize, int valueSize, int maxEntries, int type, int cpus) {
        this.name = name;
        this.fd = fd;
        this.keySize = keySize;
        this.valueSize = valueSize;
        this.maxEntries = maxEntries;
        this.type = type;
        this.cpus = cpus;
    }

    static BpfMap of(String name, MemorySegment map) throws BpfException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = Libbpf.capture(a);
            int fd = Libbpf.check("bpf_map__fd", (int) Libbpf.H.MAP_FD.invokeExact(cs, map));
            int key = (int) Libbpf.H.MAP_KEY_SIZE.invokeExact(cs, map);
            int value = (int) Libbpf.H.MAP_VALUE_SIZE.invokeExact(cs, map);
            int max = (int) Libbpf.H.MAP_MAX_ENTRIES.invokeExact(cs, map);
            int type = (int) Libbpf.H.MAP_TYPE.invokeExact(cs, map);
            boolean perCpu = type == TYPE_PERCPU_HASH || type == TYPE_PERCPU_ARRAY || type == TYPE_LRU_PERCPU_HASH;
            return new BpfMap(name, fd, key, value, max, type, perCpu ? Libbpf.numPossibleCpus() : 1);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    public String name() {
        return name;
    }

    public int fd() {
        return fd;
    }

    public int keySize() {
        return keySize;
    }

    public int valueSize() {
        return valueSize;
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** Number of per-CPU slots in a looked-up value: possible CPUs for per-CPU maps, else 1. */
    public int cpus() {
        return cpus;
    }

    /** Bytes a lookup writes: valueSize, or valueSize rounded up to 8 times possible CPUs. */
    public long lookupSize() {
        return cpus == 1 ? valueSize : ((valueSize + 7L) & ~7L) * cpus;
    }

    /** Stride between per-CPU slots of a looked-up value. */
    public long perCpuStride() {
        return (valueSize + 7L) & ~7L;
    }

    /** Reads {@code key} into {@code value}; false when there is no such key. */
    public boolean lookup(MemorySegment key, MemorySegment value) throws BpfException {
        checkSize(key, keySize, "key");
        checkSize(value, lookupSize(), "value");
        try (Arena a = Arena.ofConfined()) {
            int rc = (int) Libbpf.H.LOOKUP.invokeExact(Libbpf.capture(a), fd, key, value);
            return found("bpf_map_lookup_elem", rc);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    /** Writes {@code value} under {@code key} with BPF_ANY / BPF_NOEXIST / BPF_EXIST. */
    public void update(MemorySegment key, MemorySegment value, long flags) throws BpfException {
        checkSize(key, keySize, "key");
        checkSize(value, lookupSize(), "value");
        LibbpfLog.mark();
        try (Arena a = Arena.ofConfined()) {
            Libbpf.check("bpf_map_update_elem(" + name + ")",
                    (int) Libbpf.H.UPDATE.invokeExact(Libbpf.capture(a), fd, key, value, flags));
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    /** Deletes {@code key}; false when it was not there. */
    public boolean delete(MemorySegment key) throws BpfException {
        checkSize(key, keySize, "key");
        try (Arena a = Arena.ofConfined()) {
            return found("bpf_map_delete_elem", (int) Libbpf.H.DELETE.invokeExact(Libbpf.capture(a), fd, key));
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    /**
     * Writes the key after {@code key} (or the first key when {@code key} is null) into {@code next};
     * false at the end. Concurrent deletes may restart the walk, as with any BPF hash map.
     */
    public boolean nextKey(MemorySegment key, MemorySegment next) throws BpfException {
        if (key != null) {
            checkSize(key, keySize, "key");
        }
        checkSize(next, keySize, "next key");
        MemorySegment from = key == null ? MemorySegment.NULL : key;
        try (Arena a = Arena.ofConfined()) {
            int rc = (int) Libbpf.H.NEXT_KEY.invokeExact(Libbpf.capture(a), fd, from, next);
            return found("bpf_map_get_next_key", rc);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    private boolean found(String function, int rc) throws BpfException {
        if (rc == -Errno.ENOENT) {
            return false;
        }
        Libbpf.check(function + "(" + name + ")", rc);
        return true;
    }

    private void checkSize(MemorySegment s, long size, String what) {
        if (s.byteSize() < size) {
            throw new IllegalArgumentException(name + ": " + what + " needs " + size + " bytes, got " + s.byteSize());
        }
    }

    @Override
    public String toString() {
        return "BpfMap[" + name + ", fd " + fd + ", type " + type + "]";
    }
}
