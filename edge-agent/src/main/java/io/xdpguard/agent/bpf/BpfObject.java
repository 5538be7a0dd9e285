package io.xdpguard.agent.bpf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One BPF ELF object: {@code bpf_object__open_file}, then {@link #load()} (maps created, programs
 * verified), then programs and maps by name. Closing unloads whatever is not attached or pinned.
 * Not thread-safe; XDP Guard confines it to its owner.
 */
public final class BpfObject implements AutoCloseable {
    private final Path path;
    private MemorySegment obj;
    private boolean loaded;

    private BpfObject(Path path, MemorySegment obj) {
        this.path = path;
        this.obj = obj;
    }

    /** Opens (parses) the object; nothing reaches the kernel yet. */
    public static BpfObject open(Path path) throws BpfException {
        Libbpf.require();
        if (!Files.isRegularFile(path)) {
            throw new BpfException("BPF object " + path + " not found");
        }
        LibbpfLog.mark();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = Libbpf.capture(a);
            MemorySegment obj = (MemorySegment) Libbpf.H.OPEN_FILE.invokeExact(cs,
                    a.allocateFrom(path.toString()), MemorySegment.NULL);
            if (obj.equals(MemorySegment.NULL)) {
                throw Libbpf.fail("bpf_object__open_file", Libbpf.errno(cs));
            }
            return new BpfObject(path, obj);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    /** Creates the maps and loads every program through the verifier. */
    public void load() throws BpfException {
        ensureOpen();
        LibbpfLog.mark();
        try (Arena a = Arena.ofConfined()) {
            Libbpf.check("bpf_object__load", (int) Libbpf.H.OBJ_LOAD.invokeExact(Libbpf.capture(a), obj));
            loaded = true;
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    public boolean isLoaded() {
        return loaded;
    }

    public Path path() {
        return path;
    }

    /** A program of the loaded object by its C function name. */
    public BpfProgram program(String name) throws BpfException {
        ensureLoaded();
        MemorySegment prog = find(Libbpf.H.FIND_PROG, "bpf_object__find_program_by_name", name);
        try (Arena a = Arena.ofConfined()) {
            int fd = Libbpf.check("bpf_program__fd", (int) Libbpf.H.PROG_FD.invokeExact(Libbpf.capture(a), prog));
            return new BpfProgram(name, fd);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    /** A map of the loaded object by name. */
    public BpfMap map(String name) throws BpfException {
        ensureLoaded();
        MemorySegment map = find(Libbpf.H.FIND_MAP, "bpf_object__find_map_by_name", name);
        return BpfMap.of(name, map);
    }

    private MemorySegment find(java.lang.invoke.MethodHandle h, String function, String name) throws BpfException {
        LibbpfLog.mark();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cs = Libbpf.capture(a);
            MemorySegment found = (MemorySegment) h.invokeExact(cs, obj, a.allocateFrom(name));
            if (found.equals(MemorySegment.NULL)) {
                throw new BpfException(function + ": no '" + name + "' in " + path);
            }
            return found;
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    private void ensureOpen() {
        if (obj == null) {
            throw new IllegalStateException("BPF object " + path + " is closed");
        }
    }

    private void ensureLoaded() throws BpfException {
        ensureOpen();
        if (!loaded) {
            throw new BpfException("BPF object " + path + " is not loaded yet");
        }
    }

    /** bpf_object__close: frees the object, closing its program and map fds. Idempotent. */
    @Override
    public void close() {
        if (obj == null) {
            return;
        }
        try (Arena a = Arena.ofConfined()) {
            Libbpf.H.OBJ_CLOSE.invokeExact(Libbpf.capture(a), obj);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        } finally {
            obj = null;
            loaded = false;
        }
    }
}
