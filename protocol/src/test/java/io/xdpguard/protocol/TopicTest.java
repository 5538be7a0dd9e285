package io.xdpguard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTest {
    @Test
    void layoutFollowsTheContract() {
        assertThat(Topic.of("eu-1", "web.01", MessageKind.ALERT).path()).isEqualTo("xdpguard/v1/eu-1/web.01/alert");
        assertThat(Topic.parse("xdpguard/v1/eu-1/web.01/status"))
                .contains(Topic.of("eu-1", "web.01", MessageKind.STATUS));
        assertThat(Topic.filter(null, MessageKind.STATUS)).isEqualTo("xdpguard/v1/+/+/status");
        assertThat(Topic.filter("eu-1", MessageKind.ALERT)).isEqualTo("xdpguard/v1/eu-1/+/alert");
        assertThat(Topic.clientId("eu-1", "web.01")).isEqualTo("xdpguard-eu-1-web.01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+", "#", "a/b", "has space", "ünï", "@", "[", "`", "{", ":", "a,b", "tab\t",
            "0123456789012345678901234567890123456789012345678901234567890123456789",
            "01234567890123456789012345678901234567890123456789012345678901234"})
    void namesThatWouldBreakTopicsAreRefusedWithTheRule(String bad) {
        assertThatThrownBy(() -> Topic.of(bad, "h1", MessageKind.STATUS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("site").hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> Names.require("host", bad)).hasMessageContaining("host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "0", ".", "_", "-", "eu-1", "Web_01.lab-A9",
            "0123456789012345678901234567890123456789012345678901234567890123"})
    void namesOfOneTo64LettersDigitsDotsUnderscoresAndDashesAreTaken(String good) {
        assertThat(Names.isValid(good)).isTrue();
        assertThat(Topic.of(good, good, MessageKind.ALERT).toString()).isEqualTo("xdpguard/v1/" + good + "/" + good + "/alert");
    }
}
