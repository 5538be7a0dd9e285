package io.xdpguard.agent.guard;

/** Loading, attaching or configuring XDP Guard failed; the message is one line telling an operator what to do. */
public final class GuardException extends Exception {
    private static final long serialVersionUID = 1L;

    public GuardException(String message) {
        super(message);
    }

    public GuardException(String message, Throwable cause) {
        super(message, cause);
    }
}
