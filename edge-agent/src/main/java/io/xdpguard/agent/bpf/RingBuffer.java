package io.xdpguard.agent.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A consumer of one BPF_MAP_TYPE_RINGBUF map (ring_buffer__new / __poll / __free). Records are
 * handed to the {@link Handler} on the thread calling {@link #poll(int)}, inside libbpf's
 * callback: the segment is valid only during the call, so copy what you keep.
 *
 * <p>Confined: create, poll and close it on one thread.
 */
public final class RingBuffer implements AutoCloseable {
    /** Receives one record; must not block for long (the kernel side keeps producing). */
    @FunctionalInterface
    public interface Handler {
        void onRecord(MemorySegment record);
    }

    private static final MethodHandle SAMPLE;

    static {
        try {
            SAMPLE = MethodHandles.lookup().findVirtual(RingBuffer.class, "sample",
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Arena arena = Arena.ofShared();
    private final Handler handler;
    private MemorySegment rb;
    private Throwable handlerFailure;

    private RingBuffer(Handler handler) {
        this.handler = handler;
    }

    /** Opens a consumer on {@code map}, which must be a ring buffer map of a loaded object. */
    public static RingBuffer open(BpfMap map, Handler handler) throws BpfException {
        Libbpf.require();
        RingBuffer r = new RingBuffer(handler);
        LibbpfLog.mark();
        try {
            MemorySegment stub = Libbpf.LINKER.upcallStub(SAMPLE.bindTo(r),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG), r.arena);
            MemorySegment cs = Libbpf.capture(r.arena);
            MemorySegment rb = (MemorySegment) Libbpf.H.RB_NEW.invokeExact(cs, map.fd(), stub, MemorySegment.NULL,
                    MemorySegment.NULL);
            if (rb.equals(MemorySegment.NULL)) {
                throw Libbpf.fail("ring_buffer__new(" + map.name() + ")", Libbpf.errno(cs));
            }
            r.rb = rb;
            return r;
        } catch (BpfException e) {
            r.arena.close();
            throw e;
        } catch (Throwable t) {
            r.arena.close();
            throw Libbpf.rethrow(t);
        }
    }

    /**
     * Waits up to {@code timeoutMs} for records and consumes all available ones. Returns how many
     * were consumed; 0 on timeout or when a signal interrupted the wait.
     */
    public int poll(int timeoutMs) throws BpfException {
        if (rb == null) {
            throw new IllegalStateException("ring buffer is closed");
        }
        try (Arena a = Arena.ofConfined()) {
            int rc = (int) Libbpf.H.RB_POLL.invokeExact(Libbpf.capture(a), rb, timeoutMs);
            if (rc == -Errno.EINTR) {
                return 0;
            }
            return Libbpf.check("ring_buffer__poll", rc);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        }
    }

    /** The first exception a handler threw (it was caught so that it could not unwind into C). */
    public Throwable handlerFailure() {
        return handlerFailure;
    }

    @SuppressWarnings("unused") // upcall target
    private int sample(MemorySegment ctx, MemorySegment data, long size) {
        try {
            handler.onRecord(data.reinterpret(size));
        } catch (Throwable t) {
            if (handlerFailure == null) {
                handlerFailure = t;
            }
        }
        return 0;
    }

    /** ring_buffer__free, then releases the callback stub. Idempotent. */
    @Override
    public void close() {
        if (rb == null) {
            return;
        }
        try (Arena a = Arena.ofConfined()) {
            Libbpf.H.RB_FREE.invokeExact(Libbpf.capture(a), rb);
        } catch (Throwable t) {
            throw Libbpf.rethrow(t);
        } finally {
            rb = null;
            arena.close();
        }
    }
}
