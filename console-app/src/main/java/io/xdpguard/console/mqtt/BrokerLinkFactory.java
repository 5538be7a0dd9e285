package io.xdpguard.console.mqtt;

import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;

/** Makes a fresh, unconnected link for each connection attempt. */
@FunctionalInterface
public interface BrokerLinkFactory {
    BrokerLink create(ConnectionProfile profile, ProfileSecrets secrets, BrokerLink.Listener listener)
            throws BrokerLink.BrokerException;
}
