package io.xdpguard.agent.bench;

import static io.xdpguard.agent.bpf.Packets.ACK;
import static io.xdpguard.agent.bpf.Packets.PSH;

import io.xdpguard.agent.bpf.BpfObject;
import io.xdpguard.agent.bpf.BpfProgram;
import io.xdpguard.agent.bpf.Bundled;
import io.xdpguard.agent.bpf.Packets;
import io.xdpguard.agent.bpf.TestRunResult;
import io.xdpguard.agent.guard.GuardConfig;
import io.xdpguard.agent.guard.GuardMode;
import io.xdpguard.agent.guard.TestRun;
import io.xdpguard.agent.guard.XdpGuard;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Per-packet cost of XDP Guard next to the empty XDP program (xdp_pass), both run by the kernel
 * with BPF_PROG_TEST_RUN on the same frame, interleaved, several rounds, medians reported.
 * Not a test: run it with scripts/bench.sh packet (needs root).
 *
 * <pre>options: --repeat N (1000000)  --rounds N (7)  --object path/to/xdp_guard.bpf.o</pre>
 */
public final class PacketCostBench {
    private static final String SRC = "198.18.5.10";
    private static final String DST = "198.18.0.1";
    private static final long MAX = GuardConfig.MAX_THRESHOLD;

    private final XdpGuard guard;
    private final BpfProgram empty;
    private final int repeat;
    private final int rounds;

    private PacketCostBench(XdpGuard guard, BpfProgram empty, int repeat, int rounds) {
        this.guard = guard;
        this.empty = empty;
        this.repeat = repeat;
        this.rounds = rounds;
    }

    public static void main(String[] args) throws Exception {
        int repeat = 1_000_000;
        int rounds = 7;
        Path object = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--object" -> object = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (XdpGuard guard = object == null ? XdpGuard.loadBundled() : XdpGuard.load(object);
                BpfObject pass = Bundled.load(Bundled.PASS)) {
            new PacketCostBench(guard, pass.program("xdp_pass"), repeat, rounds).run();
        }
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "XDP Guard per-packet cost: BPF_PROG_TEST_RUN, %,d repeats x %d rounds, median;"
                + " %d CPUs, %s%n", repeat, rounds, Runtime.getRuntime().availableProcessors(), kernel());
        System.out.printf(Locale.ROOT, "%-44s %9s %9s %6s %7s  %s%n", "case", "empty ns", "guard ns", "+ns", "ratio",
                "target");

        byte[] udp = Packets.udp(SRC, DST, 53).build();
        byte[] ack = Packets.tcp(SRC, DST, 80, ACK).build();
        byte[] data = Packets.tcp(SRC, DST, 80, ACK | PSH).payload(100).build();
        byte[] syn = Packets.syn(SRC, DST, 80).build();

        configure(GuardMode.MONITOR, 50, MAX, MAX);
        row("UDP", udp, 1.3);
        row("TCP data (ACK+PSH, 100 B payload)", data, 1.3);
        row("TCP pure ACK, target not watched", ack, 1.3);
        row("TCP SYN, rates below thresholds", syn, 2.0);

        // A target over a quarter of its threshold is watched: its ACKs are counted in its window.
        configure(GuardMode.MONITOR, 10_000, 10, MAX);
        guard.testRun(syn, 200);
        row("TCP pure ACK, target watched (counted)", ack, 1.3);

        // One source flooding one target at test-run speed: both over threshold, every SYN
        // updates the exact per-source and per-target windows (events stay rate limited).
        configure(GuardMode.MONITOR, 50, 5000, 1000);
        row("TCP SYN flood, monitor (over thresholds)", syn, 2.0);
        configure(GuardMode.ENFORCE, 50, 5000, 1000);
        row("TCP SYN flood, enforce (dropped)", syn, 2.0);
        row("TCP pure ACK from a blocked source", Packets.tcp(SRC, "198.18.0.2", 80, ACK).build(), 1.3);
        System.out.println("ns = the kernel's average per run (BPF_PROG_TEST_RUN duration, whole ns), median of the"
                + " rounds; ratio = guard / empty on the same frame.");
    }

    private void configure(GuardMode mode, int windowMs, long target, long source) throws Exception {
        guard.configure(new GuardConfig(mode, windowMs, target, source, 10_000, 1000));
    }

    private void row(String name, byte[] frame, double target) throws Exception {
        // Warm up caches, JIT images and map entries.
        empty.testRun(frame, Math.min(repeat, 100_000));
        guard.testRun(frame, Math.min(repeat, 100_000));
        long[] e = new long[rounds];
        long[] g = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            TestRunResult er = empty.testRun(frame, repeat);
            TestRun gr = guard.testRun(frame, repeat);
            e[r] = er.durationNs();
            g[r] = gr.durationNs();
        }
        double em = median(e);
        double gm = median(g);
        double ratio = gm / em;
        System.out.printf(Locale.ROOT, "%-44s %9.0f %9.0f %6.0f %6.2fx  <= %.1fx %s%n", name, em, gm, gm - em, ratio,
                target, ratio <= target ? "ok" : "MISSED");
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double median(long[] v) {
        return median(Arrays.stream(v).asDoubleStream().toArray());
    }

    private static String kernel() {
        return "Linux " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }
}
