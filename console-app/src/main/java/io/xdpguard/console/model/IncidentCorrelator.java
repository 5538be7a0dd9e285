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

    /**
     * One attack: its incidents, and what its summary lists and counts, kept up to date as incidents join it and
     * alerts come. Rebuilding the sorted lists from every member on each change cost a busy group O(members) per
     * summary, and the JIT compiled that loop again and again as groups grew (four times in the load benchmark's
     * first burst, 1 s of C2's time).
     */
    private static final class Group {
        final List<Node> members = new ArrayList<>();
        final TreeSet<HostKey> hosts = new TreeSet<>();
        final TreeSet<String> targets = new TreeSet<>();
        final TreeSet<String> sources = new TreeSet<>();
        long first = Long.MAX_VALUE;
        long last;
        long peak;
        int alerts;

        /** A group of one incident, with what it has seen so far. */
        Group(Node n) {
            members.add(n);
            hosts.add(n.host);
            for (String key : n.keys) {
                key(key);
            }
            seen(n);
            alerts = n.alerts;
        }

        void key(String key) {
            (key.startsWith("t:") ? targets : sources).add(key.substring(2));
        }

        /** The member's times and peak, after an alert of it. */
        void seen(Node n) {
            first = Math.min(first, n.firstSeen);
            last = Math.max(last, n.lastUpdate);
            peak = Math.max(peak, n.peak);
        }

        void absorb(Group other) {
            members.addAll(other.members);
            hosts.addAll(other.hosts);
            targets.addAll(other.targets);
            sources.addAll(other.sources);
            first = Math.min(first, other.first);
            last = Math.max(last, other.last);
            peak = Math.max(peak, other.peak);
            alerts += other.alerts;
        }
    }

    private final int maxIncidents;
    private final LinkedHashMap<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, String> parent = new HashMap<>();
    private final Map<String, Group> groups = new HashMap<>();
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
            groups.put(nodeId, new Group(node));
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
        String target = "t:" + a.target().address();
        String source = a.source() == null ? null : "s:" + a.source().address();
        link(node, target);
        if (source != null) {
            link(node, source);
        }
        String root = find(nodeId);
        Group group = groups.get(root);
        group.seen(node);
        group.alerts++;
        group.key(target);
        if (source != null) {
            group.key(source);
        }
        dirty.add(root);
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
        // The older group keeps its id, so an incident an analyst is looking at does not change name.
        boolean keepA = nodes.get(ra).firstSeen <= nodes.get(rb).firstSeen;
        String keep = keepA ? ra : rb;
        String drop = keepA ? rb : ra;
        parent.put(drop, keep);
        groups.get(keep).absorb(groups.remove(drop));
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
        removed.addAll(groups.keySet());
        parent.clear();
        groups.clear();
        keyOwner.clear();
        dirty.clear();
        for (Node n : nodes.values()) {
            parent.put(n.id, n.id);
            groups.put(n.id, new Group(n));
        }
        for (Node n : nodes.values()) {
            for (String key : n.keys) {
                String owner = keyOwner.putIfAbsent(key, n.id);
                if (owner != null) {
                    union(owner, n.id);
                }
            }
        }
        dirty.addAll(groups.keySet());
        removed.removeAll(groups.keySet());
    }

    /** Groups changed since the last call, then ids of groups that no longer exist (merged or forgotten). */
    List<IncidentGroup> takeChanged() {
        List<IncidentGroup> out = new ArrayList<>(dirty.size());
        for (String root : dirty) {
            Group group = groups.get(root);
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

    private static IncidentGroup summarise(String root, Group group) {
        Severity worstActive = null;
        Severity worst = null;
        boolean active = false;
        String expired = null;
        for (Node n : group.members) {
            worst = max(worst, n.severity);
            if (n.active) {
                active = true;
                worstActive = max(worstActive, n.severity);
            } else if (n.expired != null) {
                expired = n.expired;
            }
        }
        return new IncidentGroup(root, active ? worstActive : worst, active, List.copyOf(group.hosts),
                List.copyOf(group.targets), List.copyOf(group.sources), group.first, group.last, group.peak,
                group.alerts, expired);
    }

    private static Severity max(Severity a, Severity b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
