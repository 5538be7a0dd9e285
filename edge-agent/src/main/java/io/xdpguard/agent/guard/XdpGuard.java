package io.xdpguard.agent.guard;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.xdpguard.agent.bpf.BpfException;
import io.xdpguard.agent.bpf.BpfMap;
import io.xdpguard.agent.bpf.BpfObject;
import io.xdpguard.agent.bpf.BpfProgram;
import io.xdpguard.agent.bpf.Bundled;
import io.xdpguard.agent.bpf.Errno;
import io.xdpguard.agent.bpf.NetIf;
import io.xdpguard.agent.bpf.Xdp;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The XDP Guard kernel program, loaded: attach it to one interface, configure it live, read its
 * counters and receive its events. Thread-safe; {@link #close()} undoes everything and is idempotent.
 */
public final class XdpGuard implements AutoCloseable {
    public static final String PROGRAM = "xdp_guard";
    private static final System.Logger LOG = System.getLogger(XdpGuard.class.getName());

    private final BpfObject object;
    private final BpfProgram program;
    private final BpfMap config;
    private final BpfMap stats;
    private final BpfMap events;
    private final BpfMap blocked;
    /** epoch ns minus CLOCK_MONOTONIC ns, measured once at load. */
    private final long monoToEpochNs = monoToEpochOffset();

    private String ifname;
    private int ifindex;
    private AttachMode attached;
    private EventPump pump;
    private boolean closed;

    private XdpGuard(BpfObject object) throws BpfException {
        this.object = object;
        this.program = object.program(PROGRAM);
        this.config = object.map("config");
        this.stats = object.map("stats");
        this.events = object.map("events");
        this.blocked = object.map("blocked");
    }

    /** Opens and loads (verifies) the BPF object at {@code bpfObject}; nothing is attached yet. */
    public static XdpGuard load(Path bpfObject) throws GuardException {
        BpfObject obj;
        try {
            obj = BpfObject.open(bpfObject);
        } catch (BpfException e) {
            throw Problems.load(e);
        }
        try {
            obj.load();
            return new XdpGuard(obj);
        } catch (BpfException e) {
            obj.close();
            throw Problems.load(e);
        } catch (RuntimeException e) {
            obj.close();
            throw e;
        }
    }

    /** Loads the object bundled in the agent jar as /bpf/xdp_guard.bpf.o (via a temp file). */
    public static XdpGuard loadBundled() throws GuardException {
        Path tmp;
        try {
            tmp = Bundled.extract(Bundled.GUARD);
        } catch (BpfException e) {
            throw new GuardException(e.getMessage(), e);
        }
        try {
            return load(tmp);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "could not delete " + tmp + ": " + e);
            }
        }
    }

    /**
     * Attaches to {@code ifname}. Never replaces another program (XDP_FLAGS_UPDATE_IF_NOEXIST): an
     * interface that already has one is reported busy. AUTO tries native XDP, then generic.
     */
    public synchronized void attach(String ifname, AttachMode mode) throws GuardException {
        ensureOpen();
        if (attached != null) {
            throw new GuardException("XDP Guard is already attached to " + this.ifname + ": close it first");
        }
        try {
            int index = NetIf.indexOf(ifname);
            if (index == 0) {
                throw Problems.missingInterface(ifname);
            }
            int other = attachedId(index);
            if (other != 0) {
                throw Problems.busy(ifname, other);
            }
            AttachMode used = switch (mode) {
                case NATIVE -> attachIn(ifname, index, AttachMode.NATIVE);
                case GENERIC -> attachIn(ifname, index, AttachMode.GENERIC);
                case AUTO -> attachAuto(ifname, index);
            };
            this.ifname = ifname;
            this.ifindex = index;
            this.attached = used;
            LOG.log(Level.INFO, "XDP Guard attached to {0} (ifindex {1}) in {2} mode", ifname, index, used);
        } catch (BpfException e) {
            throw Problems.map("attach to " + ifname, e);
        }
    }

    private AttachMode attachAuto(String ifname, int index) throws GuardException, BpfException {
        try {
            return attachIn(ifname, index, AttachMode.NATIVE);
        } catch (GuardException e) {
            if (e.getCause() instanceof BpfException b && !fatalForAuto(b.errno())) {
                LOG.log(Level.INFO, "native XDP unavailable on {0} ({1}); using generic XDP", ifname,
                        Errno.name(b.errno()));
                return attachIn(ifname, index, AttachMode.GENERIC);
            }
            throw e;
        }
    }

    /** Errors that generic mode would hit as well. */
    private static boolean fatalForAuto(int errno) {
        return errno == Errno.EPERM || errno == Errno.EBUSY || errno == Errno.EEXIST || errno == Errno.ENODEV;
    }

    private AttachMode attachIn(String ifname, int index, AttachMode mode) throws GuardException, BpfException {
        int flags = Xdp.FLAGS_UPDATE_IF_NOEXIST | modeFlag(mode);
        try {
            Xdp.attach(index, program.fd(), flags, 0);
            return mode;
        } catch (BpfException e) {
            if (e.errno() == Errno.EBUSY || e.errno() == Errno.EEXIST) {
                throw Problems.busy(ifname, attachedId(index));
            }
            throw Problems.attach(ifname, mode, e);
        }
    }

    private static int modeFlag(AttachMode mode) {
        return mode == AttachMode.GENERIC ? Xdp.FLAGS_SKB_MODE : Xdp.FLAGS_DRV_MODE;
    }

    /** Id of any XDP program on the interface (native, generic or offloaded), 0 when none. */
    static int attachedId(int index) throws BpfException {
        for (int flag : new int[] {Xdp.FLAGS_DRV_MODE, Xdp.FLAGS_SKB_MODE, Xdp.FLAGS_HW_MODE}) {
            int id = Xdp.queryId(index, flag);
            if (id != 0) {
                return id;
            }
        }
        return 0;
    }

    /** NATIVE or GENERIC as actually attached; null when not attached. */
    public synchronized AttachMode attachedMode() {
        return attached;
    }

    /** The attached interface's index; 0 when not attached. */
    public synchronized int ifindex() {
        return ifindex;
    }

    /** The kernel's id of the loaded xdp_guard program (as bpftool and `ip link` show it). */
    public int programId() throws GuardException {
        try {
            return program.id();
        } catch (BpfException e) {
            throw Problems.map("reading the program id", e);
        }
    }

    /** Writes the config map; the running program picks it up on its next packet. */
    public synchronized void configure(GuardConfig c) throws GuardException {
        ensureOpen();
        String problem = c == null ? "guard config is missing" : c.problem();
        if (problem != null) {
            throw new GuardException("invalid XDP Guard config: " + problem);
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment key = a.allocate(4, 4);
            MemorySegment value = a.allocate(Layouts.CONFIG);
            Layouts.writeConfig(value, c);
            config.update(key, value, BpfMap.BPF_ANY);
        } catch (BpfException e) {
            throw Problems.map("writing the config map", e);
        }
    }

    /** The config map as the kernel sees it (all zero fields mean the kernel uses its defaults). */
    public synchronized GuardConfig currentConfig() throws GuardException {
        ensureOpen();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment value = a.allocate(Layouts.CONFIG);
            config.lookup(a.allocate(4, 4), value);
            return Layouts.readConfig(value);
        } catch (BpfException e) {
            throw Problems.map("reading the config map", e);
        }
    }

    /** The counters summed over all CPUs. */
    public synchronized GuardStats stats() {
        ensureOpen();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment value = a.allocate(stats.lookupSize(), 8);
            stats.lookup(a.allocate(4, 4), value);
            return Layouts.sumStats(value, stats.cpus(), stats.perCpuStride());
        } catch (BpfException e) {
            throw new IllegalStateException("reading XDP Guard stats failed: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the "xdpguard-ringbuf" thread, which hands every event to {@code sink} as it arrives.
     * The sink runs on that thread and must not block. Once per instance.
     */
    public synchronized void startEvents(Consumer<GuardEvent> sink) {
        ensureOpen();
        if (pump != null) {
            throw new IllegalStateException("events already started");
        }
        try {
            pump = EventPump.start(events, monoToEpochNs, sink);
        } catch (BpfException e) {
            throw new IllegalStateException("cannot read XDP Guard events: " + e.getMessage(), e);
        }
    }

    /** Sources blocked now (shadow/enforce) with their expiry as CLOCK_MONOTONIC ns (System.nanoTime). */
    public synchronized Map<InetAddress, Long> blockedSources() throws GuardException {
        ensureOpen();
        Map<InetAddress, Long> out = new LinkedHashMap<>();
        long now = System.nanoTime();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment key = a.allocate(Layouts.SOURCE_KEY);
            MemorySegment next = a.allocate(Layouts.SOURCE_KEY);
            MemorySegment value = a.allocate(Layouts.BLOCK_VALUE);
            boolean first = true;
            while (blocked.nextKey(first ? null : key, next) && out.size() < blocked.maxEntries()) {
                first = false;
                key.copyFrom(next);
                if (blocked.lookup(key, value) && value.get(JAVA_LONG, 0) > now) {
                    out.put(Layouts.address(key, 0, key.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 16)),
                            value.get(JAVA_LONG, 0));
                }
            }
            return out;
        } catch (BpfException e) {
            throw Problems.map("reading the blocked map", e);
        }
    }

    /** Lifts the block on one source; false when it was not blocked. */
    public synchronized boolean unblock(InetAddress source) throws GuardException {
        ensureOpen();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment key = a.allocate(Layouts.SOURCE_KEY);
            Layouts.writeSourceKey(key, source);
            return blocked.delete(key);
        } catch (BpfException e) {
            throw Problems.map("updating the blocked map", e);
        }
    }

    /** Runs xdp_guard on {@code frame} {@code repeat} times in the kernel (BPF_PROG_TEST_RUN). */
    public TestRun testRun(byte[] frame, int repeat) throws GuardException {
        synchronized (this) {
            ensureOpen();
        }
        try {
            var r = program.testRun(frame, repeat);
            return new TestRun(r.retval(), r.durationNs());
        } catch (BpfException e) {
            throw Problems.testRun(frame.length, e);
        }
    }

    /** Stops the event thread, detaches from the interface (only if our program is still there), unloads. */
    @Override
    public void close() {
        EventPump p;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            p = pump;
            pump = null;
        }
        if (p != null) {
            p.stop(); // outside the lock: the sink may call back into stats()
        }
        synchronized (this) {
            try {
                detach();
            } finally {
                object.close();
            }
        }
    }

    private void detach() {
        if (attached == null) {
            return;
        }
        try {
            int current = Xdp.queryId(ifindex, modeFlag(attached));
            if (current == program.id()) {
                // expected_prog: the kernel detaches only if our program is (still) the one attached.
                Xdp.detach(ifindex, modeFlag(attached), program.fd());
                LOG.log(Level.INFO, "XDP Guard detached from {0}", ifname);
            } else {
                LOG.log(Level.WARNING, "{0} no longer runs XDP Guard (prog id {1}); left it alone", ifname, current);
            }
        } catch (BpfException e) {
            if (e.errno() == Errno.ENODEV || NetIfGone.gone(ifname)) {
                LOG.log(Level.DEBUG, "{0} is gone; nothing to detach", ifname);
            } else {
                LOG.log(Level.WARNING, "could not detach XDP Guard from " + ifname + ": " + e.getMessage());
            }
        } finally {
            attached = null;
            ifindex = 0;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("XDP Guard is closed");
        }
    }

    private static long monoToEpochOffset() {
        long before = System.nanoTime();
        Instant now = Instant.now();
        long after = System.nanoTime();
        long epochNs = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        return epochNs - (before + (after - before) / 2);
    }

    /** Whether an interface disappeared (a deleted veth takes its XDP program with it). */
    private static final class NetIfGone {
        static boolean gone(String ifname) {
            try {
                return NetIf.indexOf(ifname) == 0;
            } catch (BpfException e) {
                return false;
            }
        }
    }
}
