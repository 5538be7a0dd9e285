/** The XDP Guard console: a JavaFX desktop app that watches a fleet of agents over MQTT 5. */
module io.xdpguard.console {
    requires io.xdpguard.protocol;
    requires javafx.controls;
    requires eu.hansolo.tilesfx;
    requires org.controlsfx.controls;
    requires com.hivemq.client.mqtt;
    requires io.reactivex.rxjava2;
    requires java.sql;
    requires com.h2database;

    // JavaFX instantiates the Application subclass reflectively, java.util.logging its log manager.
    exports io.xdpguard.console to javafx.graphics, java.logging;
    // Profiles are JSON through Jackson.
    opens io.xdpguard.console.profile to com.fasterxml.jackson.databind;
}
