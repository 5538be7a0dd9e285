package io.xdpguard.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * How to run the demo. {@code consoleModulePath} and {@code consoleOptions} come from the build (the
 * console runs on the module path, like {@code javafx:run}).
 */
public record DemoOptions(boolean headless, int loops, int brokerPort, String consoleModulePath,
                          List<String> consoleOptions) {
    public List<String> consoleCommand(String brokerUrl) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--module-path", consoleModulePath));
        cmd.addAll(consoleOptions);
        cmd.addAll(List.of("-m", "io.xdpguard.console/io.xdpguard.console.ConsoleApp", "--broker", brokerUrl));
        return cmd;
    }
}
