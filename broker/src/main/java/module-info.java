/** The embedded MQTT broker for one machine: HiveMQ CE on loopback, or with users and topic rules beyond it. */
module io.xdpguard.broker {
    requires io.xdpguard.protocol;
    requires hivemq.community.edition.embedded;
    requires hivemq.extension.sdk;
    exports io.xdpguard.broker;
}
