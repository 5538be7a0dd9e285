package io.xdpguard.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.xdpguard.agent.guard.AttachMode;
import io.xdpguard.protocol.GuardMode;
import io.xdpguard.protocol.Names;
import io.xdpguard.protocol.Thresholds;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Reads {@code agent.yaml}, applies command-line overrides and defaults, and validates the result. */
public final class ConfigLoader {
    public static final Path DEFAULT_OUTBOX = Path.of("/var/lib/xdp-guard/outbox");

    private final ObjectMapper yaml = YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Reads the file, or an empty config when {@code file} is null. */
    public AgentConfig read(Path file) throws ConfigException {
        if (file == null) {
            return new AgentConfig(null, null, null, null, null, null, null, null, null, null);
        }
        String text = "";
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            AgentConfig config = yaml.readValue(text, AgentConfig.class);
            return config == null ? read(null) : config;
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " not found: create it or pass --config with its path");
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("config " + file + lineOf(text, e.getPropertyName()) + ": unknown setting '"
                    + e.getPropertyName() + "' (known here: " + e.getKnownPropertyIds() + ")");
        } catch (JsonMappingException e) {
            throw new ConfigException("config " + file + where(tokenLocation(e)) + ": " + e.getOriginalMessage()
                    .lines().findFirst().orElse("invalid value"));
        } catch (IOException e) {
            throw new ConfigException("config " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** The line of the first "name:" key; the YAML parser reports the position after the key's value. */
    private static String lineOf(String text, String key) {
        var lines = text.split("\n", -1);
        var pattern = java.util.regex.Pattern.compile("^[\\s-]*\"?" + java.util.regex.Pattern.quote(key) + "\"?\\s*:");
        for (int i = 0; i < lines.length; i++) {
            if (pattern.matcher(lines[i]).find()) {
                return " line " + (i + 1);
            }
        }
        return "";
    }

    /** Where the offending token starts; the exception's own location may already be past it. */
    private static JsonLocation tokenLocation(JsonMappingException e) {
        if (e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser) {
            return parser.currentTokenLocation();
        }
        return e.getLocation();
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " line " + location.getLineNr();
    }

    public Settings load(Path file, Overrides o) throws ConfigException {
        return resolve(read(file), o);
    }

    public Settings resolve(AgentConfig c, Overrides o) throws ConfigException {
        var broker = c.broker() == null ? new AgentConfig.Broker(null, null, null, null, null, null) : c.broker();
        var tls = broker.tls() == null ? new AgentConfig.Tls(null, null, null) : broker.tls();
        var guard = c.guard() == null ? new AgentConfig.Guard(null, null, null, null, null, null) : c.guard();

        String site = name("site", first(o.site(), c.site(), "default"));
        String host = name("host", first(o.host(), c.host(), localHostName()));
        String iface = first(o.iface(), c.iface(), null);
        if (iface == null || iface.isBlank()) {
            throw new ConfigException("no interface given: set 'iface' in the config or pass --interface");
        }
        AttachMode attach = enumValue("attach", AttachMode.class, first(o.attach(), c.attach(), "auto"));
        GuardMode mode = enumValue("mode", GuardMode.class, first(o.mode(), guard.mode(), "monitor"));

        Thresholds thresholds;
        try {
            thresholds = new Thresholds(first(o.windowMs(), guard.windowMs(), 50),
                    first(o.targetSynPerSec(), guard.targetSynPerSec(), 5000L),
                    first(o.sourceSynPerSec(), guard.sourceSynPerSec(), 1000L),
                    first(o.blockMs(), guard.blockMs(), 10_000));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("guard thresholds: " + e.getMessage());
        }
        int eventInterval = first(guard.eventIntervalMs(), null, 1000);
        int quietMs = first(o.quietMs(), c.incidents() == null ? null : c.incidents().quietMs(), 3000);
        if (eventInterval < 10) {
            throw new ConfigException("guard eventIntervalMs must be at least 10: " + eventInterval);
        }
        if (quietMs <= eventInterval) {
            throw new ConfigException("incidents quietMs (" + quietMs + ") must be longer than guard eventIntervalMs ("
                    + eventInterval + "), or every incident would end while the flood goes on");
        }

        String url = first(o.brokerUrl(), broker.url(), "tcp://127.0.0.1:1883");
        checkBrokerUrl(url);
        char[] password = password(broker, o.passwordFile());
        Path ca = readable("broker tls ca", first(o.ca(), tls.ca(), null));
        Path cert = readable("broker tls cert", first(o.cert(), tls.cert(), null));
        Path key = readable("broker tls key", first(o.key(), tls.key(), null));
        if ((cert == null) != (key == null)) {
            throw new ConfigException("broker tls: a client certificate needs its key and a key its certificate");
        }
        var brokerSettings = new Settings.BrokerSettings(url, first(o.username(), broker.username(), null), password,
                ca, cert, key, first(broker.keepAliveSeconds(), null, 10));
        if (!brokerSettings.tls() && (ca != null || cert != null)) {
            throw new ConfigException("broker tls files are set but the url " + url + " is not ssl://: use ssl://host:8883");
        }
        Path bpfObject = readable("bpfObject", first(o.bpfObject(), c.bpfObject(), null));
        int telemetryMs = first(c.telemetryIntervalMs(), null, 1000);
        if (telemetryMs < 100) {
            throw new ConfigException("telemetryIntervalMs must be at least 100: " + telemetryMs);
        }
        return new Settings(site, host, iface, attach, brokerSettings, mode, thresholds, eventInterval,
                Duration.ofMillis(quietMs), first(o.outbox(), c.outbox(), DEFAULT_OUTBOX), bpfObject,
                Duration.ofMillis(telemetryMs));
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String name(String field, String value) throws ConfigException {
        try {
            return Names.require(field, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumValue(String field, Class<E> type, String text) throws ConfigException {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder known = new StringBuilder();
            for (E v : type.getEnumConstants()) {
                known.append(known.isEmpty() ? "" : ", ").append(v.name().toLowerCase(Locale.ROOT));
            }
            throw new ConfigException(field + " '" + text + "' is not one of: " + known);
        }
    }

    private static void checkBrokerUrl(String url) throws ConfigException {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("tcp") || scheme.equals("ssl") || scheme.equals("mqtt")
                    || scheme.equals("mqtts")) || uri.getHost() == null) {
                throw new ConfigException("broker url '" + url + "' must look like tcp://host:1883 or ssl://host:8883");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException("broker url '" + url + "' is not a URL: " + e.getReason());
        }
    }

    private static char[] password(AgentConfig.Broker broker, Path overrideFile) throws ConfigException {
        Path file = overrideFile != null ? overrideFile : broker.passwordFile();
        if (file != null) {
            try {
                return Files.readString(readable("broker passwordFile", file)).strip().toCharArray();
            } catch (IOException e) {
                throw new ConfigException("broker passwordFile " + file + " cannot be read: " + e.getMessage());
            }
        }
        return broker.password() == null ? null : broker.password().toCharArray();
    }

    private static Path readable(String field, Path path) throws ConfigException {
        if (path != null && !Files.isReadable(path)) {
            throw new ConfigException(field + " " + path + " is missing or not readable");
        }
        return path;
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        } catch (IOException e) {
            return "localhost";
        }
    }
}
