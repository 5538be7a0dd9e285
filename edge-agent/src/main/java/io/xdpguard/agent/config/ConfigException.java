package io.xdpguard.agent.config;

/** A configuration problem; its message is the one line an operator sees, naming where and what to do. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
