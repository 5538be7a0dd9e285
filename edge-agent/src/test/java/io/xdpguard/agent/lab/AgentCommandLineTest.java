package io.xdpguard.agent.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees when the agent cannot start: one clear line and a distinct exit code. */
class AgentCommandLineTest {
    @TempDir
    Path dir;

    private static String lastLine(String log) {
        List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    @Test
    void aBadConfigurationExitsTwoWithOneLine() throws Exception {
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, "iface: eth0\nguard:\n  mode: block\n");
        try (AgentProcess agent = AgentProcess.start(dir.resolve("a.log"), "--config", config.toString())) {
            assertThat(agent.waitFor()).isEqualTo(2);
            assertThat(agent.log().strip()).isEqualTo(
                    "xdp-guard-agent: bad configuration: mode 'block' is not one of: monitor, shadow, enforce");
        }
    }

    @Test
    void checkValidatesWithoutLoadingAnything() throws Exception {
        try (AgentProcess agent = AgentProcess.start(dir.resolve("a.log"), "--check", "-i", "eth9", "--site", "lab",
                "--host", "h1")) {
            assertThat(agent.waitFor()).isZero();
            assertThat(agent.log()).contains("configuration OK").contains("iface=eth9").contains("site=lab");
        }
    }

    @Test
    void aMissingInterfaceSaysSo() throws Exception {
        io.xdpguard.agent.bpf.RequiresRoot.check();
        try (AgentProcess agent = AgentProcess.start(dir.resolve("a.log"), "-i", "xgnope0", "--outbox",
                dir.resolve("outbox").toString())) {
            assertThat(agent.waitFor()).isEqualTo(1);
            assertThat(lastLine(agent.log())).startsWith("xdp-guard-agent: cannot start:").contains("xgnope0")
                    .contains("not found");
        }
    }

    @Test
    void aBusyInterfaceIsReportedNotTakenOver() throws Exception {
        io.xdpguard.agent.bpf.RequiresRoot.check();
        try (Lab lab = new Lab("xgc", 44).up();
             AgentProcess first = AgentProcess.start(dir.resolve("first.log"), "-i", lab.hostIface, "--outbox",
                     dir.resolve("o1").toString(), "--broker", "tcp://127.0.0.1:1")) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> first.log().contains("XDP Guard attached"));
            String attached = lab.xdpOnHost();
            try (AgentProcess second = AgentProcess.start(dir.resolve("second.log"), "-i", lab.hostIface,
                    "--outbox", dir.resolve("o2").toString())) {
                assertThat(second.waitFor()).isEqualTo(1);
                assertThat(lastLine(second.log())).startsWith("xdp-guard-agent: cannot start:")
                        .contains(lab.hostIface).contains("already has an XDP program");
            }
            assertThat(lab.xdpOnHost()).as("the first agent's program stays").isEqualTo(attached);
            assertThat(first.alive()).isTrue();
        }
    }

    @Test
    void withoutTheCapabilitiesToLoadBpfItSaysWhichAreNeeded() throws Exception {
        io.xdpguard.agent.bpf.RequiresRoot.check();
        try (Lab lab = new Lab("xgc", 45).up();
             AgentProcess agent = AgentProcess.startWrapped(dir.resolve("a.log"),
                     List.of("capsh", "--drop=cap_bpf,cap_sys_admin,cap_net_admin,cap_perfmon", "--", "-c"),
                     "-i", lab.hostIface, "--outbox", dir.resolve("outbox").toString())) {
            assertThat(agent.waitFor()).isEqualTo(1);
            assertThat(lastLine(agent.log())).startsWith("xdp-guard-agent: cannot start:").contains("CAP_BPF");
        }
    }
}
