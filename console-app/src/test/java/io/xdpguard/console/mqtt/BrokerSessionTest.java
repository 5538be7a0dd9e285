package io.xdpguard.console.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One broker session per installation: the same name on every start, and a second console on the same
 * configuration connects without one rather than throwing the first off its broker again and again.
 */
class BrokerSessionTest {
    @TempDir
    Path config;

    @Test
    void theNameIsKeptAcrossStartsAndHeldByOneConsoleAtATime() throws Exception {
        String first;
        try (BrokerSession running = new BrokerSession(config)) {
            first = running.name().orElseThrow();
            try (BrokerSession second = new BrokerSession(config)) {
                assertThat(second.name()).as("a second console on the same configuration").isEmpty();
            }
        }
        try (BrokerSession restarted = new BrokerSession(config)) {
            assertThat(restarted.name()).as("the next start").contains(first);
        }
        Files.writeString(config.resolve(BrokerSession.FILE), "not a name\n");
        try (BrokerSession repaired = new BrokerSession(config)) {
            assertThat(repaired.name().orElseThrow()).as("a damaged name is made again").matches("[0-9a-f]{16}");
        }
        assertThat(BrokerSession.none().name()).isEmpty();
    }
}
