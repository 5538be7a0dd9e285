package io.xdpguard.broker;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import io.xdpguard.protocol.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Checks user name and password on CONNECT and gives the client its {@link TopicRules}; an agent must
 * also use its own client id, {@code xdpguard-{site}-{host}}, so one agent cannot take over another's
 * session.
 */
final class PasswordAuthenticator implements SimpleAuthenticator {
    private final Map<String, BrokerUser> users;

    PasswordAuthenticator(Map<String, BrokerUser> users) {
        this.users = users;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        var connect = input.getConnectPacket();
        BrokerUser user = connect.getUserName().map(users::get).orElse(null);
        byte[] given = connect.getPassword().map(PasswordAuthenticator::bytes).orElse(new byte[0]);
        if (user == null || !MessageDigest.isEqual(given, user.password().getBytes(StandardCharsets.UTF_8))) {
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
            return;
        }
        if (user.role() == BrokerUser.Role.AGENT
                && !connect.getClientId().equals(Topic.clientId(user.site(), user.host()))) {
            output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "agent " + user.username() + " must connect as " + Topic.clientId(user.site(), user.host()));
            return;
        }
        output.getDefaultPermissions().addAll(TopicRules.permissions(user));
        output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        output.authenticateSuccessfully();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.asReadOnlyBuffer();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
