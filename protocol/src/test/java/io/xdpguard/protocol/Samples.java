package io.xdpguard.protocol;

import java.util.List;
import java.util.Map;

/** Valid messages of every kind, for tests of both sides of the contract. */
public final class Samples {
    private Samples() {
    }

    public static Status status(String site, String host) {
        return new Status(1, site, host, HostState.ONLINE, "0.1.0", "6.1.0", "eth0", "native", GuardMode.MONITOR,
                new Thresholds(50, 5000, 1000, 10_000), 1_700_000_000_000L, 1_700_000_000_500L);
    }

    public static Telemetry telemetry(String site, String host) {
        return new Telemetry(1, site, host, 1_700_000_001_000L, 12_000, 9_600_000, 10_500, 3, 40, 7, 1, 0, 0, 0, 1,
                GuardMode.SHADOW);
    }

    public static Alert alert(String site, String host, long seq, AlertState state) {
        return new Alert(1, site, host, host + "-" + seq, host + "-inc-1", seq, AlertKind.SYN_FLOOD, state,
                Severity.HIGH, new Endpoint("198.18.0.2", 80), new Endpoint("198.19.7.9", null), 10_200, 11_000,
                5000, 12, 0.0012, List.of(new SourceRate("198.19.7.9", 10_100), new SourceRate("2001:db8::1", 40)),
                GuardMode.MONITOR, Action.OBSERVED, 1_700_000_000_000L, 1_700_000_000_020L, 1_700_000_001_000L,
                state == AlertState.END ? 1_700_000_005_000L : null, 1_700_000_001_001L);
    }

    public static CommandRequest request() {
        return new CommandRequest(1, "c-1", CommandRequest.SET_MODE, Map.of("mode", "enforce"), 1_700_000_000_000L);
    }

    public static CommandReply reply(String site, String host) {
        return new CommandReply(1, "c-1", site, host, true, "mode is now enforce", status(site, host),
                1_700_000_000_100L);
    }
}
