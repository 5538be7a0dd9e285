package io.xdpguard.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerTest {
    private static MqttClient client(String url, String id, String user, String password) throws MqttException {
        var client = new MqttClient(url, id, new MemoryPersistence());
        var options = new MqttConnectionOptions();
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options);
        return client;
    }

    private static List<String> collect(MqttClient client, String filter) throws MqttException {
        List<String> got = new CopyOnWriteArrayList<>();
        client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> got.add(t)});
        return got;
    }

    @Test
    void onLoopbackAnyLocalClientCanPublishAndSubscribe() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerOptions.loopback(0))) {
            assertThat(broker.url()).startsWith("tcp://127.0.0.1:");
            MqttClient sub = client(broker.url(), "console", null, null);
            List<String> got = collect(sub, "xdpguard/v1/#");
            MqttClient pub = client(broker.url(), "xdpguard-lab-h1", null, null);
            pub.publish("xdpguard/v1/lab/h1/status", new MqttMessage("{}".getBytes(), 1, true, null));
            await().atMost(Duration.ofSeconds(5)).until(() -> got.contains("xdpguard/v1/lab/h1/status"));
            pub.disconnect();
            sub.disconnect();
        }
    }

    @Test
    void beyondLoopbackItRefusesToStartWithoutUsers() {
        assertThatThrownBy(() -> new BrokerOptions("0.0.0.0", 0, 10, 1024, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beyond loopback").hasMessageContaining("127.0.0.1");
    }

    @Test
    void withUsersEachAgentWritesOnlyItsOwnTopicsAndBadPasswordsAreRefused() throws Exception {
        var users = List.of(BrokerUser.agent("h1", "h1-secret-1", "lab", "h1"),
                BrokerUser.console("analyst", "analyst-secret"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(new BrokerOptions("127.0.0.1", 0, 10, 64 * 1024, users))) {
            assertThatThrownBy(() -> client(broker.url(), "xdpguard-lab-h1", "h1", "wrong-password"))
                    .isInstanceOf(MqttException.class);
            assertThatThrownBy(() -> client(broker.url(), "anonymous", null, null)).isInstanceOf(MqttException.class);
            assertThatThrownBy(() -> client(broker.url(), "xdpguard-lab-h2", "h1", "h1-secret-1"))
                    .as("an agent must use its own client id").isInstanceOf(MqttException.class);

            MqttClient console = client(broker.url(), "console-1", "analyst", "analyst-secret");
            List<String> got = collect(console, "xdpguard/v1/#");
            MqttClient agent = client(broker.url(), "xdpguard-lab-h1", "h1", "h1-secret-1");
            agent.publish("xdpguard/v1/lab/h1/alert", new MqttMessage("{}".getBytes(), 1, false, null));
            await().atMost(Duration.ofSeconds(5)).until(() -> got.contains("xdpguard/v1/lab/h1/alert"));
            // HiveMQ answers a forbidden QoS 1 publish with "not authorized" and drops it.
            var token = agent.getTopic("xdpguard/v1/lab/h2/alert")
                    .publish(new MqttMessage("{\"forged\":1}".getBytes(), 1, false, null));
            token.waitForCompletion(5000);
            assertThat(token.getReasonCodes()).containsExactly(135); // 0x87 not authorized
            // Published after the forged one: once it is here, the forged one would have been too.
            console.publish("xdpguard/v1/lab/h1/cmd", new MqttMessage("{}".getBytes(), 1, false, null));
            await().atMost(Duration.ofSeconds(5)).until(() -> got.contains("xdpguard/v1/lab/h1/cmd"));
            assertThat(got).as("another host's topic").doesNotContain("xdpguard/v1/lab/h2/alert");
            console.disconnect();
        }
    }
}
