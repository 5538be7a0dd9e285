package io.xdpguard.broker;

import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.MqttActivity;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission.PermissionType;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.xdpguard.protocol.MessageKind;
import io.xdpguard.protocol.Topic;
import java.util.ArrayList;
import java.util.List;

/**
 * What each kind of user may publish and subscribe to. An agent writes only its own status, telemetry
 * and alerts and reads only its own commands; it may answer on a console's reply topic. Anything not
 * allowed here is denied.
 */
public final class TopicRules {
    /** Consoles ask for command replies under this prefix (MQTT 5 response topic). */
    public static final String REPLY_PREFIX = "xdpguard-console/";

    private TopicRules() {
    }

    public static List<TopicPermission> permissions(BrokerUser user) {
        List<TopicPermission> rules = new ArrayList<>();
        switch (user.role()) {
            case AGENT -> {
                for (MessageKind kind : List.of(MessageKind.STATUS, MessageKind.TELEMETRY, MessageKind.ALERT)) {
                    rules.add(allow(Topic.of(user.site(), user.host(), kind).path(), MqttActivity.PUBLISH));
                }
                rules.add(allow(Topic.of(user.site(), user.host(), MessageKind.CMD).path(), MqttActivity.SUBSCRIBE));
                rules.add(allow(REPLY_PREFIX + "#", MqttActivity.PUBLISH));
            }
            case CONSOLE -> {
                rules.add(allow(Topic.ROOT + "/#", MqttActivity.SUBSCRIBE));
                rules.add(allow(Topic.ROOT + "/+/+/" + MessageKind.CMD.level(), MqttActivity.PUBLISH));
                rules.add(allow(REPLY_PREFIX + "#", MqttActivity.SUBSCRIBE));
            }
        }
        return rules;
    }

    private static TopicPermission allow(String filter, MqttActivity activity) {
        return Builders.topicPermission().topicFilter(filter).activity(activity).type(PermissionType.ALLOW).build();
    }
}
