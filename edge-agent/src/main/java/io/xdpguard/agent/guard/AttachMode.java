package io.xdpguard.agent.guard;

/** How XDP Guard hooks an interface. */
public enum AttachMode {
    /** Native if the driver supports it, generic otherwise. */
    AUTO,
    /** Native (driver) XDP, XDP_FLAGS_DRV_MODE: before the kernel allocates an skb. */
    NATIVE,
    /** Generic XDP, XDP_FLAGS_SKB_MODE: works on any interface, slower. */
    GENERIC
}
