/** The whole XDP Guard system on one machine: lab namespaces, embedded broker, agents, scenario. */
module io.xdpguard.demo {
    requires io.xdpguard.protocol;
    requires io.xdpguard.broker;
    requires io.xdpguard.agent;
    requires info.picocli;

    opens io.xdpguard.demo to info.picocli;
}
