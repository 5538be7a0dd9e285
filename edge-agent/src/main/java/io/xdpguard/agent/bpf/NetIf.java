package io.xdpguard.agent.bpf;

import java.lang.foreign.Arena;

/** Network interface lookups through libc. */
public final class NetIf {
    private NetIf() {
    }

    /** if_nametoindex: the interface index, or 0 when there is no such interface. */
    public static int indexOf(String name) throws BpfException {
        Libbpf.require();
        if (name == null || name.isEmpty() || name.length() > 15) {
            return 0; // IFNAMSIZ - 1: longer names cannot exist
        }
        try (Arena a = Arena.ofConfined()) {
            return (int) Libbpf.H.IF_NAMETOINDEX.invokeExact(Libbpf.capture(a), a.allocateFrom(name));
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }
}
