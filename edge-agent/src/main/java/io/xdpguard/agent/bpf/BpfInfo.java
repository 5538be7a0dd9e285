package io.xdpguard.agent.bpf;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** bpf_obj_get_info_by_fd, reading only the leading fields every info struct version has. */
final class BpfInfo {
    private BpfInfo() {
    }

    /**
     * The kernel id of a program or map fd. bpf_prog_info and bpf_map_info both start with
     * {@code __u32 type; __u32 id;}, and the kernel accepts a shorter buffer than its struct.
     */
    static int id(String what, int fd) throws BpfException {
        LibbpfLog.mark();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment info = a.allocate(8, 8);
            MemorySegment len = a.allocate(JAVA_INT);
            len.set(JAVA_INT, 0, 8);
            Libbpf.check("bpf_obj_get_info_by_fd(" + what + ")",
                    (int) Libbpf.H.OBJ_INFO.invokeExact(Libbpf.capture(a), fd, info, len));
            return info.get(JAVA_INT, 4);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }
}
