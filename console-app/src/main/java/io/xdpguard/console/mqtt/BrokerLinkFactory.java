package io.xdpguard.console.mqtt;

import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import java.time.Duration;

/** Makes a fresh, unconnected link for each connection attempt. */
@FunctionalInterface
public interface BrokerLinkFactory {
    BrokerLink create(ConnectionProfile profile, ProfileSecrets secrets, BrokerLink.Listener listener)
            throws BrokerLink.BrokerException;

    /**
     * Has the broker drop the session that links for {@code profile} keep there, and the alerts it queued: for a
     * profile removed, or changed to another site filter (whose links then keep another session). Links
     * that keep no session have none to drop.
     */
    default void forget(ConnectionProfile profile, ProfileSecrets secrets, Duration timeout)
            throws BrokerLink.BrokerException {
    }
}
