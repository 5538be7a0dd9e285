package io.xdpguard.console.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** The CPU time of some of this JVM's threads (JavaFX's own: its application thread, its renderer). */
final class ThreadCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long[] ids;

    private ThreadCpu(long[] ids) {
        this.ids = ids;
    }

    /** The threads running now whose names start with {@code prefix} ("QuantumRenderer"). */
    static ThreadCpu named(String prefix) {
        return new ThreadCpu(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix)).mapToLong(Thread::threadId).toArray());
    }

    static ThreadCpu of(Thread thread) {
        return new ThreadCpu(new long[] {thread.threadId()});
    }

    /** Their CPU time so far, summed; a thread that has ended counts nothing. */
    long nanos() {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, threads.getThreadCpuTime(id));
        }
        return sum;
    }
}
