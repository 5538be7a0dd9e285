package io.xdpguard.console.model;

/** What the console knows of an agent: online, online but its telemetry stopped, or offline (last will or status). */
public enum Liveness {
    ONLINE, SILENT, OFFLINE
}
