package io.xdpguard.console.model;

import io.xdpguard.protocol.Alert;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Joins agents' incidents into attacks: two incidents sharing a target address or a primary source address
 * are one attack (union-find). Bounded: past {@code maxIncidents}, the oldest ended ones are forgotten and
 * the groups rebuilt. An active incident whose END never comes (lost, or the agent died) is expired by the
 * caller ({@link #expireSilentSince}, {@link #expireHost}); a later alert of it makes it active again.
 * Single-threaded (the fleet thread).
 */
final class IncidentCorrelator {
    private static final class Node {
        final String id;
        final HostKey host;
        final Set<String> keys = new LinkedHashSet<>();
        Severity severity;
        boolean active;
        String expired;
        long firstSeen;
        long lastUpdate;
        long peak;
        int alerts;

        Node(String id, HostKey host) {
            this.id = id;
            this.host = host;
        }
    }

    private final int maxIncidents;
    private final LinkedHashMap<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, String> parent = new HashMap<>();
    private final Map<String, List<Node>> members = new HashMap<>();
    private final Map<String, String> keyOwner = new HashMap<>();
    // The active subset of nodes, so that expiry looks at ongoing incidents only, not at every remembered one.
    private final LinkedHashMap<String, Node> activeNodes = new LinkedHashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Set<String> removed = new LinkedHashSet<>();

    IncidentCorrelator(int maxIncidents) {
        this.maxIncidents = maxIncidents;
    }

    void add(Alert a, long receivedAt) {
        add(a, receivedAt, false);
    }

    /**
     * {@code restored}: from the history, which may open after live alerts of the same incident came; an older
     * alert then adds to the counts but does not set the incident's state or severity.
     */
    void add(Alert a, long receivedAt, boolean restored) {
        String nodeId = a.site() + "/" + a.host() + "/" + a.incident();
        Node node = nodes.get(nodeId);
        if (node == null) {
            if (nodes.size() >= maxIncidents) {
                evictOldest();
            }
            node = new Node(nodeId, new HostKey(a.site(), a.host()));
            node.firstSeen = receivedAt;
            nodes.put(nodeId, node);
            parent.put(nodeId, nodeId);
            members.put(nodeId, new ArrayList<>(List.of(node)));
        }
        if (!restored || receivedAt >= node.lastUpdate) {
            node.severity = node.severity == null || a.state() != AlertState.END ? a.severity() : node.severity;
            node.active = a.state() != AlertState.END;
            node.expired = null;
            if (node.active) {
                activeNodes.put(nodeId, node);
            } else {
                activeNodes.remove(nodeId);
            }
        }
        node.firstSeen = Math.min(node.firstSeen, receivedAt);
        node.lastUpdate = Math.max(node.lastUpdate, receivedAt);
        node.peak = Math.max(node.peak, a.peakSynPerSec());
        node.alerts++;
        link(node, "t:" + a.target().address());
        if (a.source() != null) {
            link(node, "s:" + a.source().address());
        }
        dirty.add(find(nodeId));
    }

    /** Ends, as expired, every active incident with no alert received since {@code cutoff} (console time). */
    void expireSilentSince(long cutoff, String why) {
        expire(n -> n.lastUpdate < cutoff, why);
    }

    /** Ends, as expired, every active incident of one host (it went offline: no END will come from it). */
    void expireHost(HostKey host, String why) {
        expire(n -> n.host.equals(host), why);
    }

    private void expire(java.util.function.Predicate<Node> which, String why) {
        for (Iterator<Node> it = activeNodes.values().iterator(); it.hasNext(); ) {
            Node n = it.next();
            if (which.test(n)) {
                it.remove();
                n.active = false;
                n.expired = why;
                dirty.add(find(n.id));
            }
        }
    }

    private void link(Node node, String key) {
        node.keys.add(key);
        String owner = keyOwner.putIfAbsent(key, node.id);
        if (owner != null) {
            union(owner, node.id);
        }
    }

    private String find(String id) {
        String root = id;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        String cur = id;
        while (!cur.equals(root)) {
            String next = parent.get(cur);
            parent.put(cur, root);
            cur = next;
        }
        return root;
    }

    private void union(String a, String b) {
        String ra = find(a);
        String rb = find(b);
        if (ra.equals(rb)) {
            return;
        }
        List<Node> ma = members.get(ra);
        List<Node> mb = members.get(rb);
        // The older group keeps its id, so an incident an analyst is looking at does not change name.
        boolean keepA = nodes.get(ra).firstSeen <= nodes.get(rb).firstSeen;
        String keep = keepA ? ra : rb;
        String drop = keepA ? rb : ra;
        parent.put(drop, keep);
        List<Node> kept = keepA ? ma : mb;
        kept.addAll(keepA ? mb : ma);
        members.remove(drop);
        dirty.remove(drop);
        removed.add(drop);
        dirty.add(keep);
    }

    private void evictOldest() {
        int target = Math.max(1, maxIncidents / 10);
        int evicted = 0;
        for (Iterator<Node> it = nodes.values().iterator(); it.hasNext() && evicted < target; ) {
            if (!it.next().active) {
                it.remove();
                evicted++;
            }
        }
        for (Iterator<Node> it = nodes.values().iterator(); it.hasNext() && evicted < target; ) {
            activeNodes.remove(it.next().id);
            it.remove();
            evicted++;
        }
        removed.addAll(members.keySet());
        parent.clear();
        members.clear();
        keyOwner.clear();
        dirty.clear();
        for (Node n : nodes.values()) {
            parent.put(n.id, n.id);
            members.put(n.id, new ArrayList<>(List.of(n)));
        }
        for (Node n : nodes.values()) {
            for (String key : n.keys) {
                String owner = keyOwner.putIfAbsent(key, n.id);
                if (owner != null) {
                    union(owner, n.id);
                }
            }
        }
        dirty.addAll(members.keySet());
        removed.removeAll(members.keySet());
    }

    /** Groups changed since the last call, then ids of groups that no longer exist (merged or forgotten). */
    List<IncidentGroup> takeChanged() {
        List<IncidentGroup> out = new ArrayList<>(dirty.size());
        for (String root : dirty) {
            List<Node> group = members.get(root);
            if (group != null) {
                out.add(summarise(root, group));
            }
        }
        dirty.clear();
        return out;
    }

    boolean hasChanges() {
        return !dirty.isEmpty() || !removed.isEmpty();
    }

    List<String> takeRemoved() {
        List<String> out = List.copyOf(removed);
        removed.clear();
        return out;
    }

    private static IncidentGroup summarise(String root, List<Node> group) {
        TreeSet<HostKey> hosts = new TreeSet<>();
        TreeSet<String> targets = new TreeSet<>();
        TreeSet<String> sources = new TreeSet<>();
        Severity worstActive = null;
        Severity worst = null;
        boolean active = false;
        String expired = null;
        long first = Long.MAX_VALUE;
        long last = 0;
        long peak = 0;
        int alerts = 0;
        for (Node n : group) {
            hosts.add(n.host);
            for (String k : n.keys) {
                (k.startsWith("t:") ? targets : sources).add(k.substring(2));
            }
            worst = max(worst, n.severity);
            if (n.active) {
                active = true;
                worstActive = max(worstActive, n.severity);
            } else if (n.expired != null) {
                expired = n.expired;
            }
            first = Math.min(first, n.firstSeen);
            last = Math.max(last, n.lastUpdate);
            peak = Math.max(peak, n.peak);
            alerts += n.alerts;
        }
        return new IncidentGroup(root, active ? worstActive : worst, active, List.copyOf(hosts),
                List.copyOf(targets), List.copyOf(sources), first, last, peak, alerts, expired);
    }

    private static Severity max(Severity a, Severity b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
