package io.xdpguard.agent.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Java layouts must match bpf/xdp_guard.h byte for byte; the header's _Static_asserts are the reference. */
class LayoutsTest {
    private static final Path HEADER = Path.of("../bpf/xdp_guard.h");

    @Test
    void sizesMatchTheCHeader() throws Exception {
        Map<String, Long> sizes = new HashMap<>();
        Matcher m = Pattern.compile("XG_ASSERT_SIZE\\((\\w+), (\\d+)\\)").matcher(Files.readString(HEADER));
        while (m.find()) {
            sizes.put(m.group(1), Long.parseLong(m.group(2)));
        }
        assertThat(Layouts.CONFIG.byteSize()).isEqualTo(sizes.get("xg_config"));
        assertThat(Layouts.STATS.byteSize()).isEqualTo(sizes.get("xg_stats"));
        assertThat(Layouts.TARGET_KEY.byteSize()).isEqualTo(sizes.get("xg_target_key"));
        assertThat(Layouts.SOURCE_KEY.byteSize()).isEqualTo(sizes.get("xg_source_key"));
        assertThat(Layouts.BLOCK_VALUE.byteSize()).isEqualTo(sizes.get("xg_block_value"));
        assertThat(Layouts.EVENT.byteSize()).isEqualTo(sizes.get("xg_event"));
        assertThat(GuardStats.class.getRecordComponents()).hasSize((int) (sizes.get("xg_stats") / 8));
    }

    @Test
    void offsetsMatchTheCommentsInTheHeader() throws Exception {
        // Each field line in the header carries its offset: "__u64 threshold;	/* 72 ... */"
        String h = Files.readString(HEADER);
        assertThat(offsetIn(h, "xg_event", "threshold")).isEqualTo(Layouts.offset(Layouts.EVENT, "threshold"));
        for (String f : new String[] {"kind", "mode", "action", "target_family", "source_family", "target_port",
                "target_addr", "source_addr", "target_syn", "target_ack", "source_syn", "window_ms"}) {
            assertThat(Layouts.offset(Layouts.EVENT, f)).as(f).isEqualTo(offsetIn(h, "xg_event", f));
        }
        for (String f : new String[] {"mode", "window_ms", "target_syn_per_sec", "source_syn_per_sec", "block_ms",
                "event_interval_ms"}) {
            assertThat(Layouts.offset(Layouts.CONFIG, f)).as(f).isEqualTo(offsetIn(h, "xg_config", f));
        }
        assertThat(Layouts.offset(Layouts.STATS, "events_lost")).isEqualTo(offsetIn(h, "xg_stats", "events_lost"));
        assertThat(Layouts.offset(Layouts.TARGET_KEY, "port")).isEqualTo(offsetIn(h, "xg_target_key", "port"));
        assertThat(Layouts.offset(Layouts.TARGET_KEY, "family")).isEqualTo(offsetIn(h, "xg_target_key", "family"));
        assertThat(Layouts.offset(Layouts.SOURCE_KEY, "family")).isEqualTo(offsetIn(h, "xg_source_key", "family"));
    }

    private static long offsetIn(String header, String struct, String field) {
        int start = header.indexOf("struct " + struct + " {");
        int end = header.indexOf("};", start);
        Matcher m = Pattern.compile("\\b" + field + "(\\[\\d+\\])?;\\s*/\\*\\s*(\\d+)").matcher(header.substring(start, end));
        if (!m.find()) {
            throw new AssertionError("no offset comment for " + struct + "." + field);
        }
        return Long.parseLong(m.group(2));
    }

    @Test
    void addressesRoundTripAsV4MappedOrV6() throws Exception {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(Layouts.SOURCE_KEY);
            Layouts.writeSourceKey(s, InetAddress.getByName("198.18.0.7"));
            assertThat(s.get(ValueLayout.JAVA_BYTE, 10)).isEqualTo((byte) 0xff);
            assertThat(s.get(ValueLayout.JAVA_BYTE, 15)).isEqualTo((byte) 7);
            assertThat(s.get(ValueLayout.JAVA_BYTE, 16)).isEqualTo((byte) 4);
            assertThat(Layouts.address(s, 0, 4)).isEqualTo(InetAddress.getByName("198.18.0.7"));

            Layouts.writeSourceKey(s, InetAddress.getByName("2001:db8::1"));
            assertThat(s.get(ValueLayout.JAVA_BYTE, 16)).isEqualTo((byte) 6);
            assertThat(Layouts.address(s, 0, 6)).isEqualTo(InetAddress.getByName("2001:db8::1"));
            assertThat(Layouts.address(s, 0, 0)).isNull();
        }
    }

    @Test
    void configRoundTripsAndValidates() throws Exception {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(Layouts.CONFIG);
            GuardConfig c = new GuardConfig(GuardMode.ENFORCE, 75, 123_456, 789, 4000, 250);
            Layouts.writeConfig(s, c);
            assertThat(s.get(ValueLayout.JAVA_INT, 0)).isEqualTo(2);
            assertThat(Layouts.readConfig(s)).isEqualTo(c);
        }
        assertThat(GuardConfig.defaults().problem()).isNull();
        assertThat(GuardConfig.defaults()).isEqualTo(new GuardConfig(GuardMode.MONITOR, 50, 5000, 1000, 10_000, 1000));
        assertThat(new GuardConfig(GuardMode.MONITOR, 0, 1, 1, 1, 1).problem()).startsWith("window must be");
        assertThat(new GuardConfig(GuardMode.MONITOR, 50, 1L << 32, 1, 1, 1).problem()).startsWith("target SYN");
        assertThat(new GuardConfig(null, 50, 1, 1, 1, 1).problem()).contains("mode");
    }
}
