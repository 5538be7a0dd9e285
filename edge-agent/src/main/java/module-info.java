/** The XDP Guard edge agent: loads the kernel program, tracks incidents, publishes over MQTT 5. */
module io.xdpguard.agent {
    requires io.xdpguard.protocol;
    requires org.eclipse.paho.mqttv5.client;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires java.logging;
    requires jdk.unsupported;

    // The MQTT link is reused by the demo's own subscriber.
    exports io.xdpguard.agent.mqtt;

    opens io.xdpguard.agent to info.picocli;
    opens io.xdpguard.agent.config to com.fasterxml.jackson.databind;
}
