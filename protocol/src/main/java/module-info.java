/** The wire contract between edge agents and consoles: topics, JSON records, validation. */
module io.xdpguard.protocol {
    requires transitive com.fasterxml.jackson.databind;
    exports io.xdpguard.protocol;
    opens io.xdpguard.protocol to com.fasterxml.jackson.databind;
}
