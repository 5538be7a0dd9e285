package io.xdpguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecTest {
    private final Codec codec = new Codec();

    private Decoded decode(MessageKind kind, String json) {
        return codec.decode(Topic.of("lab", "h1", kind).path(), json.getBytes(StandardCharsets.UTF_8));
    }

    private static Rejection reason(Decoded d) {
        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        return ((Decoded.Rejected) d).reason();
    }

    @Test
    void everyAgentMessageSurvivesARoundTrip() {
        for (Message m : new Message[] {Samples.status("lab", "h1"), Samples.telemetry("lab", "h1"),
                Samples.alert("lab", "h1", 7, AlertState.START), Samples.alert("lab", "h1", 8, AlertState.END)}) {
            Decoded d = codec.decode(Topic.of("lab", "h1", m.messageKind()).path(), codec.encode(m));
            assertThat(d).isEqualTo(new Decoded.Accepted(Topic.of("lab", "h1", m.messageKind()), m));
        }
    }

    @Test
    void commandsRoundTripInBothDirections() {
        Topic cmd = Topic.of("lab", "h1", MessageKind.CMD);
        assertThat(codec.decode(cmd.path(), codec.encode(Samples.request())))
                .isEqualTo(new Decoded.Accepted(cmd, Samples.request()));
        assertThat(codec.decodeReply(cmd, codec.encode(Samples.reply("lab", "h1"))))
                .isEqualTo(new Decoded.Accepted(cmd, Samples.reply("lab", "h1")));
    }

    @Test
    void wireFormUsesLowerCaseWordsAndTheSchemaField() {
        String json = codec.encodeToString(Samples.alert("lab", "h1", 1, AlertState.START));
        assertThat(json).contains("\"schema\":1", "\"kind\":\"syn_flood\"", "\"state\":\"start\"",
                "\"severity\":\"high\"", "\"action\":\"observed\"");
        assertThat(json).doesNotContain("messageKind", "alertKind");
    }

    @Test
    void oversizedPayloadIsRejectedBeforeParsing() {
        byte[] big = new byte[Codec.MAX_PAYLOAD_BYTES + 1];
        assertThat(reason(codec.decode("xdpguard/v1/lab/h1/alert", big))).isEqualTo(Rejection.TOO_LARGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "{\"schema\":1", "42"})
    void garbageIsMalformed(String payload) {
        assertThat(reason(decode(MessageKind.TELEMETRY, payload))).isEqualTo(Rejection.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"schema\":2}", "{\"schema\":\"1\"}", "{\"schema\":null}"})
    void otherSchemasAreRefused(String payload) {
        assertThat(reason(decode(MessageKind.STATUS, payload))).isEqualTo(Rejection.WRONG_SCHEMA);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"schema\":\"1\"", "\"schema\":1.0", "\"schema\":2"})
    void aWholeMessageOfAnotherSchemaIsRefusedAsSuch(String schema) {
        String good = codec.encodeToString(Samples.telemetry("lab", "h1"));
        assertThat(good).contains("\"schema\":1");
        assertThat(reason(decode(MessageKind.TELEMETRY, good.replace("\"schema\":1", schema))))
                .isEqualTo(Rejection.WRONG_SCHEMA);
    }

    @Test
    void numbersAreNotCoercedFromTextOrFractions() {
        String good = codec.encodeToString(Samples.telemetry("lab", "h1"));
        assertThat(reason(decode(MessageKind.TELEMETRY, good.replace("\"pps\":12000", "\"pps\":\"12000\""))))
                .isEqualTo(Rejection.INVALID);
        assertThat(reason(decode(MessageKind.TELEMETRY, good.replace("\"pps\":12000", "\"pps\":12000.5"))))
                .isEqualTo(Rejection.INVALID);
    }

    @Test
    void missingOrOutOfRangeFieldsAreInvalid() {
        String good = codec.encodeToString(Samples.telemetry("lab", "h1"));
        assertThat(reason(decode(MessageKind.TELEMETRY, good.replace("\"pps\":12000,", ""))))
                .isEqualTo(Rejection.INVALID);
        assertThat(reason(decode(MessageKind.TELEMETRY, good.replace("\"pps\":12000", "\"pps\":-1"))))
                .isEqualTo(Rejection.INVALID);
        assertThat(reason(decode(MessageKind.TELEMETRY, good.replace("\"mode\":\"shadow\"", "\"mode\":\"chaos\""))))
                .isEqualTo(Rejection.INVALID);
        String alert = codec.encodeToString(Samples.alert("lab", "h1", 1, AlertState.START));
        assertThat(reason(decode(MessageKind.ALERT, alert.replace("\"state\":\"start\"", "\"state\":\"end\""))))
                .as("an end without endedAt").isEqualTo(Rejection.INVALID);
    }

    @Test
    void aMessageNamingAnotherHostThanItsTopicIsRefused() {
        byte[] other = codec.encode(Samples.status("lab", "h2"));
        assertThat(reason(codec.decode("xdpguard/v1/lab/h1/status", other))).isEqualTo(Rejection.HOST_MISMATCH);
        byte[] otherSite = codec.encode(Samples.status("lab2", "h1"));
        assertThat(reason(codec.decode("xdpguard/v1/lab/h1/status", otherSite))).isEqualTo(Rejection.HOST_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xdpguard/v1/lab/h1", "xdpguard/v2/lab/h1/alert", "xdpguard/v1/lab/h1/other",
            "xdpguard/v1//h1/alert", "xdpguard/v1/lab/h1/alert/extra", "other/v1/lab/h1/alert"})
    void foreignTopicsAreRefused(String topic) {
        byte[] ok = codec.encode(Samples.status("lab", "h1"));
        assertThat(reason(codec.decode(topic, ok))).isEqualTo(Rejection.FOREIGN_TOPIC);
    }

    @Test
    void unknownFieldsFromANewerAgentAreIgnored() {
        String json = codec.encodeToString(Samples.telemetry("lab", "h1")).replace("{", "{\"future\":[1,2],");
        assertThat(decode(MessageKind.TELEMETRY, json)).isInstanceOf(Decoded.Accepted.class);
    }
}
