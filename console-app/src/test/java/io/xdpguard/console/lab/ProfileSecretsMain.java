package io.xdpguard.console.lab;

import io.xdpguard.console.profile.ConnectionProfile;
import io.xdpguard.console.profile.ProfileSecrets;
import io.xdpguard.console.profile.ProfileStore;
import java.nio.file.Path;

/**
 * One start of the console's profile code in its own JVM, so the Secret Service it finds comes from this
 * process's environment (libsecret reads DBUS_SESSION_BUS_ADDRESS once per process). Prints
 * {@code store=keyring|file}, then the result: {@code password=… key-password=…} ({@code -} for none).
 *
 * <pre>ProfileSecretsMain CONFIG_DIR save NAME PASSWORD KEY_PASSWORD | read NAME | remove NAME</pre>
 */
public final class ProfileSecretsMain {
    private ProfileSecretsMain() {
    }

    public static void main(String[] args) throws Exception {
        ProfileStore store = new ProfileStore(Path.of(args[0]));
        System.out.println("store=" + store.secretStore());
        String name = args[2];
        switch (args[1]) {
            case "save" -> store.save(ConnectionProfile.plain(name, "tcp://127.0.0.1:1883"),
                    new ProfileSecrets(orNull(args[3]), orNull(args[4])));
            case "read" -> {
                ProfileSecrets s = store.secrets(name);
                System.out.println("password=" + orDash(s.password()) + " key-password=" + orDash(s.keyPassword()));
            }
            case "remove" -> store.remove(name);
            default -> throw new IllegalArgumentException("unknown command " + args[1]);
        }
        System.out.println("done");
    }

    private static String orNull(String arg) {
        return "-".equals(arg) ? null : arg;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
