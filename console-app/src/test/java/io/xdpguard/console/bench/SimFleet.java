package io.xdpguard.console.bench;

import io.xdpguard.console.lab.Messages;
import io.xdpguard.protocol.AlertState;
import io.xdpguard.protocol.Codec;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.HostMessage;
import io.xdpguard.protocol.HostState;
import io.xdpguard.protocol.Message;
import io.xdpguard.protocol.Severity;
import io.xdpguard.protocol.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The benchmark's simulated fleet: {@code agents} agents sharing {@code connections} MQTT connections, each
 * with a retained ONLINE status and 1 Hz telemetry, and paced alert bursts (QoS 1 like real agents). Runs
 * either inside the console's JVM or, by default, in its own process ({@link SimFleetMain}), as real agents
 * run on other machines.
 */
final class SimFleet implements AutoCloseable {
    private static final Codec CODEC = new Codec();
    private final int agents;
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final ScheduledExecutorService telemetry = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("bench-telemetry").factory());

    SimFleet(String url, int agents, int connections) throws Exception {
        this.agents = agents;
        for (int i = 0; i < connections; i++) {
            MqttAsyncClient c = new MqttAsyncClient(url, "xg-bench-" + i, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            c.connect(o).waitForCompletion(10_000);
            clients.add(c);
        }
        long t0 = System.currentTimeMillis();
        for (int a = 0; a < agents; a++) {
            publish(client(a), Messages.status("bench", host(a), HostState.ONLINE, GuardMode.values()[a % 3], t0), 1, true);
        }
        telemetry.scheduleAtFixedRate(() -> {
            long now = System.currentTimeMillis();
            for (int a = 0; a < agents; a++) {
                try {
                    publish(client(a), Messages.telemetry("bench", host(a),
                            (a * 37L + now / 1000 * 13) % 6_000, a % 7 == 0 ? 1 : 0, now), 0, false);
                } catch (Exception e) {
                    System.err.println("bench: telemetry publish failed: " + e.getMessage());
                }
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    /** {@code alerts} alerts (ids from {@code first}) paced evenly over {@code seconds}; returns seconds taken. */
    double burst(int first, int alerts, int seconds) throws Exception {
        return burst(first, alerts, seconds, "");
    }

    /**
     * The same paced alerts on topics no console subscribes to ({@code xg-bench-warmup/...}): brings this
     * publisher's JVM to speed before the measured bursts, as real agents are long-running processes.
     */
    double warmUp(int alerts, int seconds) throws Exception {
        return burst(0, alerts, seconds, "xg-bench-warmup/");
    }

    private double burst(int first, int alerts, int seconds, String topicPrefix) throws Exception {
        long burstStart = System.nanoTime();
        // Evenly spread in 5 ms slices: 20 Hz clumps of 100 used to phase-lock with the table's 50 ms insert
        // cadence, so one run's rows all waited a whole insert interval and the next run's none.
        int slices = seconds * 200;
        int perSlice = alerts / slices;
        int sent = first;
        for (int slice = 0; slice < slices; slice++) {
            long due = burstStart + slice * 5_000_000L;
            long early = due - System.nanoTime();
            if (early > 0) {
                TimeUnit.NANOSECONDS.sleep(early);
            }
            for (int k = 0; k < perSlice; k++, sent++) {
                int incident = sent / 10;
                // An incident's start, updates and end come from the agent that saw it, as from a real agent.
                int agent = incident % agents;
                int step = sent % 10;
                AlertState state = step == 0 ? AlertState.START : step == 9 ? AlertState.END : AlertState.UPDATE;
                // One in twenty incidents hits a shared VIP, so multi-host incidents form as in a real DDoS.
                String target = incident % 20 == 0 ? "198.18.255.1" : "198.18." + (agent / 250) + "." + (agent % 250);
                Severity sev = Severity.values()[incident % 4];
                // Stamped as it is published, as an agent stamps each alert when it raises it.
                publish(client(agent), topicPrefix, Messages.alert("bench", host(agent), "a-" + sent,
                        "inc-" + incident, sev, state, target, "198.19." + (incident % 250) + ".1",
                        System.currentTimeMillis()), 1, false);
            }
        }
        return (System.nanoTime() - burstStart) / 1e9;
    }

    private MqttAsyncClient client(int agent) {
        return clients.get(agent % clients.size());
    }

    static String host(int a) {
        return String.format(Locale.ROOT, "node-%03d", a);
    }

    private static void publish(MqttAsyncClient c, Message m, int qos, boolean retained) throws Exception {
        publish(c, "", m, qos, retained);
    }

    private static void publish(MqttAsyncClient c, String topicPrefix, Message m, int qos, boolean retained)
            throws Exception {
        MqttMessage msg = new MqttMessage(CODEC.encode(m));
        msg.setQos(qos);
        msg.setRetained(retained);
        HostMessage h = (HostMessage) m;
        c.publish(topicPrefix + Topic.of(h.site(), h.host(), m.messageKind()).path(), msg);
    }

    @Override
    public void close() throws Exception {
        telemetry.shutdownNow();
        for (MqttAsyncClient c : clients) {
            c.disconnect().waitForCompletion(2_000);
            c.close();
        }
    }
}
