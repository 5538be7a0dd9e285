package io.xdpguard.agent.mqtt;

import javax.net.ssl.SSLSocketFactory;

/** How to reach the broker, and the last will it publishes if we vanish. */
public record LinkOptions(String url, String clientId, String username, char[] password, SSLSocketFactory tls,
                          int keepAliveSeconds, MqttLink.Outbound will) {
    @Override
    public String toString() {
        return "LinkOptions[url=" + url + ", clientId=" + clientId + ", username=" + username + ", tls=" + (tls != null) + "]";
    }
}
