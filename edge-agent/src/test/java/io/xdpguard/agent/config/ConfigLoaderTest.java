package io.xdpguard.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xdpguard.agent.guard.AttachMode;
import io.xdpguard.protocol.GuardMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void fileValuesApplyAndFlagsOverrideThem() throws Exception {
        Path file = yaml("""
                site: eu-1
                host: web01
                iface: eth1
                attach: generic
                broker:
                  url: tcp://broker.lab:1883
                  username: agent
                  password: s3cret
                guard:
                  mode: shadow
                  targetSynPerSec: 8000
                """);
        var o = new Overrides(null, null, null, null, null, null, null, null, null, null, "enforce", null, null, 300L,
                null, null, dir, null);
        Settings s = loader.load(file, o);
        assertThat(s.site()).isEqualTo("eu-1");
        assertThat(s.host()).isEqualTo("web01");
        assertThat(s.iface()).isEqualTo("eth1");
        assertThat(s.attach()).isEqualTo(AttachMode.GENERIC);
        assertThat(s.mode()).isEqualTo(GuardMode.ENFORCE);
        assertThat(s.thresholds().targetSynPerSec()).isEqualTo(8000);
        assertThat(s.thresholds().sourceSynPerSec()).isEqualTo(300);
        assertThat(s.thresholds().windowMs()).isEqualTo(50);
        assertThat(s.broker().username()).isEqualTo("agent");
        assertThat(String.valueOf(s.broker().password())).isEqualTo("s3cret");
        assertThat(s.broker().toString()).doesNotContain("s3cret");
        assertThat(s.outbox()).isEqualTo(dir);
    }

    @Test
    void aMisspelledSettingNamesTheLineAndTheKnownOnes() throws Exception {
        Path file = yaml("site: lab\nintrface: eth0\n");
        assertThatThrownBy(() -> loader.load(file, Overrides.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2").hasMessageContaining("intrface").hasMessageContaining("iface");
    }

    @Test
    void badValuesAreEachOneClearLine() throws Exception {
        assertThatThrownBy(() -> loader.load(yaml("iface: eth0\nsite: \"a/b\"\n"), Overrides.none()))
                .hasMessageContaining("site 'a/b' is not allowed");
        assertThatThrownBy(() -> loader.load(yaml("iface: eth0\nguard: {mode: block}\n"), Overrides.none()))
                .hasMessage("mode 'block' is not one of: monitor, shadow, enforce");
        assertThatThrownBy(() -> loader.load(yaml("iface: eth0\nbroker: {url: 'http://x'}\n"), Overrides.none()))
                .hasMessageContaining("tcp://host:1883");
        assertThatThrownBy(() -> loader.load(yaml("site: lab\n"), Overrides.none()))
                .hasMessageContaining("--interface");
        assertThatThrownBy(() -> loader.load(yaml("iface: eth0\nguard: {targetSynPerSec: 0}\n"), Overrides.none()))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> loader.load(yaml("iface: eth0\nguard: {windowMs: [1]}\n"), Overrides.none()))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml"), Overrides.none()))
                .hasMessageContaining("not found");
        assertThatThrownBy(() -> loader.load(yaml("iface: eth0\nbroker: {url: 'ssl://b:8883', tls: {ca: /nope.pem}}\n"),
                Overrides.none())).hasMessageContaining("/nope.pem is missing");
    }
}
