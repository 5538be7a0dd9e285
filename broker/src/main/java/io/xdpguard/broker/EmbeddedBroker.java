package io.xdpguard.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * HiveMQ CE running in this process: in-memory persistence, connection and packet limits, and, when
 * it has users, an extension that authenticates them and confines each agent to its own topics.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = System.getLogger("broker");

    private final BrokerOptions options;
    private final int port;
    private final Path home;
    private final EmbeddedHiveMQ hivemq;

    private EmbeddedBroker(BrokerOptions options, int port, Path home, EmbeddedHiveMQ hivemq) {
        this.options = options;
        this.port = port;
        this.home = home;
        this.hivemq = hivemq;
    }

    /** Starts the broker and returns once it accepts connections. */
    public static EmbeddedBroker start(BrokerOptions options) throws IOException {
        int port = options.port() == 0 ? freePort(options.bindAddress()) : options.port();
        Path home = Files.createTempDirectory("xdpguard-broker");
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("extensions"));
        Files.writeString(home.resolve("conf/config.xml"), configXml(options, port));
        // HiveMQ logs every start-up detail at INFO; the host application's own lines say what matters.
        Files.writeString(home.resolve("conf/logback.xml"), """
                <configuration>
                    <appender name="stderr" class="ch.qos.logback.core.ConsoleAppender">
                        <target>System.err</target>
                        <encoder><pattern>%d{ISO8601} %-5level hivemq %msg%n</pattern></encoder>
                    </appender>
                    <root level="WARN"><appender-ref ref="stderr"/></root>
                </configuration>
                """);
        var builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(home.resolve("conf"))
                .withDataFolder(home.resolve("data"))
                .withExtensionsFolder(home.resolve("extensions"));
        if (options.authenticated()) {
            Map<String, BrokerUser> users = options.users().stream()
                    .collect(Collectors.toUnmodifiableMap(BrokerUser::username, Function.identity()));
            builder.withEmbeddedExtension(EmbeddedExtension.builder()
                    .withId("xdpguard-auth").withName("XDP Guard users and topic rules").withVersion("1")
                    .withPriority(1000).withStartPriority(1000)
                    .withExtensionMain(new AuthExtension(users)).build());
        }
        EmbeddedHiveMQ hivemq = builder.build();
        try {
            hivemq.start().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            closeQuietly(hivemq);
            throw new IOException("the embedded broker did not start on " + options.bindAddress() + ":" + port + ": "
                    + (e.getCause() == null ? e : e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(hivemq);
            throw new IOException("interrupted while starting the broker", e);
        }
        LOG.log(Level.INFO, "embedded broker listening address={0} port={1} users={2}", options.bindAddress(), port,
                options.users().size());
        return new EmbeddedBroker(options, port, home, hivemq);
    }

    public int port() {
        return port;
    }

    public String url() {
        String host = options.bindAddress().contains(":") ? "[" + options.bindAddress() + "]" : options.bindAddress();
        return "tcp://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port;
    }

    private static String configXml(BrokerOptions o, int port) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <packets>
                            <max-packet-size>%d</max-packet-size>
                        </packets>
                    </mqtt>
                    <restrictions>
                        <max-connections>%d</max-connections>
                    </restrictions>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, o.bindAddress(), o.maxPacketBytes(), o.maxConnections());
    }

    private static int freePort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return s.getLocalPort();
        }
    }

    private static void closeQuietly(EmbeddedHiveMQ hivemq) {
        try {
            hivemq.close();
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            // already failing; the original error is the one worth reporting
        }
    }

    @Override
    public void close() {
        closeQuietly(hivemq);
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers the authenticator; HiveMQ calls it for every CONNECT. */
    private record AuthExtension(Map<String, BrokerUser> users) implements ExtensionMain {
        @Override
        public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
            var authenticator = new PasswordAuthenticator(users);
            Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
        }

        @Override
        public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        }
    }
}
