package io.xdpguard.console.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IncidentCorrelatorTest {

    /** What a group lists and counts, as the analyst's incident row shows it. */
    private record Row(List<HostKey> hosts, List<String> targets, List<String> sources, int alerts, long first,
                       long last) {
    }

    @Test
    void groupsListAndCountWhatTheirIncidentsSawHoweverTheyJoined() {
        // Incidents on a few hosts with a few shared targets and sources join into groups in every order; the
        // summaries handed out along the way, latest per group, must list what the alerts say once all are in.
        Random random = new Random(11);
        IncidentCorrelator correlator = new IncidentCorrelator(10_000);
        List<Alert> sent = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        Map<String, Row> shown = new HashMap<>();
        for (int k = 0; k < 2_000; k++) {
            String host = "h" + random.nextInt(12);
            String incident = host + "-i" + random.nextInt(6);
            String target = "198.18.0." + random.nextInt(40);
            String source = random.nextInt(4) == 0 ? null : "198.19.0." + random.nextInt(40);
            long now = 1_000_000L + k * 10L + random.nextInt(10);
            Alert a = Messages.alert("s", host, "a" + k, incident, Severity.values()[random.nextInt(4)],
                    AlertState.UPDATE, target, source, now);
            correlator.add(a, now);
            sent.add(a);
            at.add(now);
            if (random.nextInt(20) == 0) {
                take(correlator, shown);
            }
        }
        take(correlator, shown);

        assertThat(shown).hasSameSizeAs(expected(sent, at));
        assertThat(new ArrayList<>(shown.values())).containsExactlyInAnyOrderElementsOf(expected(sent, at));
    }

    private static void take(IncidentCorrelator correlator, Map<String, Row> shown) {
        for (IncidentGroup g : correlator.takeChanged()) {
            shown.put(g.id(), new Row(g.hosts(), g.targets(), g.sources(), g.alertCount(), g.firstSeen(),
                    g.lastUpdate()));
        }
        correlator.takeRemoved().forEach(shown::remove);
    }

    /** The groups worked out from scratch: incidents sharing a target or a source address are one. */
    private static List<Row> expected(List<Alert> sent, List<Long> at) {
        Map<String, String> parent = new HashMap<>();
        Map<String, String> owner = new HashMap<>();
        for (Alert a : sent) {
            String incident = a.site() + "/" + a.host() + "/" + a.incident();
            parent.putIfAbsent(incident, incident);
            List<String> keys = new ArrayList<>(List.of("t:" + a.target().address()));
            if (a.source() != null) {
                keys.add("s:" + a.source().address());
            }
            for (String key : keys) {
                String other = owner.putIfAbsent(key, incident);
                if (other != null) {
                    parent.put(root(parent, other), root(parent, incident));
                }
            }
        }
        Map<String, List<Integer>> byGroup = new HashMap<>();
        for (int k = 0; k < sent.size(); k++) {
            Alert a = sent.get(k);
            byGroup.computeIfAbsent(root(parent, a.site() + "/" + a.host() + "/" + a.incident()),
                    r -> new ArrayList<>()).add(k);
        }
        List<Row> rows = new ArrayList<>();
        for (List<Integer> members : byGroup.values()) {
            TreeSet<HostKey> hosts = new TreeSet<>();
            TreeSet<String> targets = new TreeSet<>();
            TreeSet<String> sources = new TreeSet<>();
            long first = Long.MAX_VALUE;
            long last = 0;
            for (int k : members) {
                Alert a = sent.get(k);
                hosts.add(new HostKey(a.site(), a.host()));
                targets.add(a.target().address());
                if (a.source() != null) {
                    sources.add(a.source().address());
                }
                first = Math.min(first, at.get(k));
                last = Math.max(last, at.get(k));
            }
            rows.add(new Row(List.copyOf(hosts), List.copyOf(targets), List.copyOf(sources), members.size(), first,
                    last));
        }
        return rows;
    }

    private static String root(Map<String, String> parent, String id) {
        String r = id;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        return r;
    }
}
