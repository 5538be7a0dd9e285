package io.xdpguard.console.model;

/**
 * Where an alert goes the moment it is taken from a broker, before the broker is told it arrived (the receive log,
 * store.ReceiveLog): the broker then forgets it, and until the history has stored it the console's memory is its
 * only other copy. Called on a receive thread with the message as it came off the wire; runs {@code handOff} (to
 * the fleet thread) once it has the alert, whatever happened to its own copy.
 */
@FunctionalInterface
public interface AlertReceipts {
    void received(String broker, long receivedAt, String topic, byte[] payload, Runnable handOff);

    AlertReceipts NONE = (broker, receivedAt, topic, payload, handOff) -> handOff.run();
}
