package io.xdpguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.ingest.Warmup;
import io.xdpguard.console.model.AlertEntry;
import io.xdpguard.console.model.AlertJournal;
import io.xdpguard.console.model.FleetLimits;
import io.xdpguard.console.model.FrameDelta;
import io.xdpguard.console.model.Inbound;
import io.xdpguard.console.model.IncidentGroup;
import io.xdpguard.console.mqtt.Rehearsal;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up runs the whole alert path on made-up data: the MQTT client (from a loopback feed), decoding,
 * fleet state, incident grouping, journal, frames.
 */
class WarmupTest {

    /** What the warm-up hands on: alerts to its journal, sealed frames to the views. */
    private static final class Outputs implements AlertJournal {
        final List<AlertEntry> journaled = new ArrayList<>();
        final List<FrameDelta> frames = new ArrayList<>();

        @Override
        public void recorded(List<AlertEntry> fresh) {
            journaled.addAll(fresh);
        }

        @Override
        public void acknowledged(List<AlertEntry> changed) {
        }
    }

    @Test
    void madeUpAlertsGoThroughEveryStepOfTheAlertPath() throws Exception {
        Outputs out = new Outputs();
        Codec codec = new Codec();
        Warmup warmup = new Warmup(FleetLimits.defaults(), out, out.frames::add);
        List<Message> fleet = Warmup.fleet(500);
        var received = new LinkedBlockingQueue<Inbound>();
        Warmup.Result r;
        // Through the console's MQTT client, from a broker of its own on loopback.
        try (Rehearsal link = Rehearsal.start(Warmup.BROKER, codec, fleet, received::add)) {
            r = warmup.apply(received, fleet.size(), 10_000, () -> false);
        }

        // 50 statuses, 500 alerts, a telemetry message every 20 alerts.
        assertThat(r.messages()).isEqualTo(50 + 500 + 25);
        assertThat(r.messages()).isEqualTo(fleet.size());
        assertThat(out.journaled).hasSize(500).allSatisfy(e -> {
            assertThat(e.broker()).isEqualTo(Warmup.BROKER);
            assertThat(e.alert().site()).isEqualTo("xg-warmup");
        });
        assertThat(out.journaled).extracting(e -> e.alert().state()).contains(AlertState.START, AlertState.UPDATE,
                AlertState.END);
        assertThat(r.frames()).isEqualTo(out.frames.size()).isGreaterThan(1);
        assertThat(out.frames.stream().mapToInt(f -> f.alerts().size()).sum()).isEqualTo(500);
        assertThat(out.frames.stream().mapToInt(f -> f.hosts().size()).sum()).isGreaterThanOrEqualTo(50);
        // One incident in twenty hits a shared target: the correlator groups those across hosts.
        List<IncidentGroup> groups = out.frames.stream().flatMap(f -> f.incidents().stream()).toList();
        assertThat(groups).anySatisfy(g -> assertThat(g.hosts()).hasSizeGreaterThan(1));
    }

    /**
     * Where no loopback socket can be opened, the warm-up decodes the same messages directly (Startup falls back
     * to {@link Rehearsal#decode}): every message still reaches the fleet state, the journal and the frames.
     */
    @Test
    void withoutTheLoopbackFeedTheMessagesAreDecodedDirectly() throws Exception {
        Outputs out = new Outputs();
        Warmup warmup = new Warmup(FleetLimits.defaults(), out, out.frames::add);
        List<Message> fleet = Warmup.fleet(500);
        var received = new LinkedBlockingQueue<Inbound>();
        Rehearsal.decode(Warmup.BROKER, new Codec(), fleet, received::add, () -> false);
        Warmup.Result r = warmup.apply(received, fleet.size(), 10_000, () -> false);

        assertThat(r.messages()).isEqualTo(fleet.size());
        assertThat(out.journaled).hasSize(500).allSatisfy(e -> assertThat(e.alert().site()).isEqualTo("xg-warmup"));
        assertThat(out.frames.stream().mapToInt(f -> f.alerts().size()).sum()).isEqualTo(500);
    }

    /** Asked to stop (the console is closing), the direct decoding stops: the warm-up must not hold up a close. */
    @Test
    void directDecodingStopsWhenAsked() {
        List<Message> fleet = Warmup.fleet(500);
        var received = new LinkedBlockingQueue<Inbound>();
        Rehearsal.decode(Warmup.BROKER, new Codec(), fleet, received::add, () -> received.size() >= 10);
        assertThat(received).hasSizeLessThan(fleet.size());
    }
}
