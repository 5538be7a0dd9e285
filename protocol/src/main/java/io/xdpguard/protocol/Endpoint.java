package io.xdpguard.protocol;

/** An address, and a port where one applies (a target); addresses are in their usual text form. */
public record Endpoint(String address, Integer port) {
    public Endpoint {
        Checks.text("address", address, 45);
        if (port != null && (port < 0 || port > 65_535)) {
            throw new IllegalArgumentException("port must be 0 to 65535: " + port);
        }
    }

    @Override
    public String toString() {
        if (port == null) {
            return address;
        }
        return address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port;
    }
}
