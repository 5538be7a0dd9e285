package io.xdpguard.protocol;

/** A message an agent publishes about itself: its site and host must match the topic it arrives on. */
public interface HostMessage {
    String site();

    String host();
}
