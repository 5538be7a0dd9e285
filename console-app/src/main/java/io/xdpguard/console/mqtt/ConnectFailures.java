package io.xdpguard.console.mqtt;

import io.xdpguard.console.profile.ConnectionProfile;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;

/**
 * Turns a failed connect into what the operator should fix, naming the profile's setting: the client says
 * "PKIX path building failed…" for an untrusted broker and "CONNACK contained an Error Code: NOT_AUTHORIZED."
 * for a wrong password, which tells an operator neither which file nor which field is wrong.
 */
final class ConnectFailures {
    private ConnectFailures() {
    }

    static String explain(Throwable e, ConnectionProfile p) {
        String tls = tlsProblem(e, p);
        if (tls != null) {
            return tls;
        }
        if (cause(e, Mqtt5ConnAckException.class) instanceof Mqtt5ConnAckException refused) {
            Mqtt5ConnAckReasonCode code = refused.getMqttMessage().getReasonCode();
            String hex = Integer.toHexString(code.getCode());
            String user = p.username() == null ? "without a user name" : "user '" + p.username() + "'";
            return switch (code) {
                case BAD_USER_NAME_OR_PASSWORD, NOT_AUTHORIZED -> "not authorized: the broker refused " + user
                        + " with the profile's password (MQTT reason 0x" + hex + "); check the user name and password";
                case BAD_AUTHENTICATION_METHOD, BANNED -> "not authorized: the broker refused this client (MQTT reason 0x"
                        + hex + ", " + code + ")";
                default -> "the broker refused the connection (MQTT reason 0x" + hex + ", " + code + ")";
            };
        }
        Throwable refused = cause(e, ConnectException.class);
        if (refused != null) {
            return "nothing accepts connections at " + p.url() + " (" + refused.getMessage()
                    + "): check the host and port, and that the broker runs";
        }
        if (cause(e, UnknownHostException.class) != null) {
            return "unknown broker host in " + p.url() + ": check the URL";
        }
        String lower = String.valueOf(describe(e)).toLowerCase(Locale.ROOT);
        if (lower.contains("timeout") || lower.contains("timed out")) {
            return timedOut(p);
        }
        return describe(e);
    }

    static String timedOut(ConnectionProfile p) {
        return "no answer from " + p.url() + " within the connect timeout: is the broker up, and is "
                + (p.tls() ? "it a TLS listener (ssl://)?" : "it a plain listener (tcp://), not TLS?");
    }

    /** The message of a failure and of its cause, when the cause says more. */
    static String describe(Throwable e) {
        Throwable deepest = deepest(e);
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return deepest == e || deepest.getMessage() == null || message.contains(deepest.getMessage()) ? message
                : message + " (" + deepest.getMessage() + ")";
    }

    /** Null when the failure is not about TLS. */
    private static String tlsProblem(Throwable e, ConnectionProfile p) {
        if (!p.tls() || cause(e, SSLException.class) == null && cause(e, CertificateException.class) == null) {
            return null;
        }
        String detail = deepest(e).getMessage();
        String lower = String.valueOf(detail).toLowerCase(Locale.ROOT);
        if (cause(e, CertPathBuilderException.class) != null || cause(e, CertPathValidatorException.class) != null) {
            return "the broker's TLS certificate is not signed by a trusted CA ("
                    + (p.caFile() == null ? "no CA file in the profile: the system CAs were used"
                    : "CA file " + p.caFile()) + "); set the CA that signed the broker's certificate";
        }
        if (lower.contains("subject alternative") || lower.contains("no name matching")) {
            return "the broker's TLS certificate does not name the host in " + p.url() + " (" + detail
                    + "); connect by a name the certificate lists, or have it reissued";
        }
        boolean alertedByBroker = lower.contains("received fatal alert");
        if (alertedByBroker && p.clientCertFile() == null && (lower.contains("certificate_required")
                || lower.contains("handshake_failure") || lower.contains("bad_certificate"))) {
            return "the broker requires a client certificate and the profile has none: set the client "
                    + "certificate and key (" + detail + ")";
        }
        if (alertedByBroker && p.clientCertFile() != null && lower.contains("certificate")) {
            return "the broker refused the client certificate " + p.clientCertFile() + " (" + detail
                    + "): it must be signed by a CA the broker trusts, and be valid now";
        }
        return "TLS handshake with " + p.url() + " failed: " + detail;
    }

    private static Throwable cause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }

    private static Throwable deepest(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
