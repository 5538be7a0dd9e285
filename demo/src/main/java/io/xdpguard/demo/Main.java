package io.xdpguard.demo;

import io.xdpguard.demo.scenario.Check;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scripts/demo.sh}: the whole XDP Guard story on this machine. Needs root (XDP, namespaces). */
@Command(name = "xdp-guard-demo", mixinStandardHelpOptions = true,
        description = {"Builds a lab of three monitored hosts and an attacker, runs a real agent on each,",
                "an embedded broker on loopback and the console, and plays an attack scenario until you quit.",
                "Exit code: 0 when every expected thing was seen, 1 otherwise."})
public final class Main implements Callable<Integer> {
    @Option(names = "--headless", description = "No console: print the alerts as a subscriber sees them")
    boolean headless;
    @Option(names = "--loops", description = "Scenario loops to play; 0 plays until stopped (default: 0)")
    int loops;
    @Option(names = "--broker-port", description = "Embedded broker port on 127.0.0.1 (default: 1883; 0 picks a free one)")
    int brokerPort = 1883;
    @Option(names = "--console-module-path", description = "Module path of the console (set by scripts/demo.sh)")
    String consoleModulePath;
    @Option(names = "--console-option", description = "JVM option for the console (repeatable; set by scripts/demo.sh)")
    List<String> consoleOptions = List.of();

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!headless && consoleModulePath == null) {
            System.err.println("xdp-guard-demo: no console module path: start the demo with scripts/demo.sh");
            return 2;
        }
        Demo demo = new Demo(new DemoOptions(headless, loops, brokerPort, consoleModulePath, consoleOptions),
                line -> System.out.println(line));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("demo-stop").unstarted(demo::close));
        try {
            demo.start();
            demo.play(loops);
        } finally {
            demo.close();
        }
        List<Check> missed = demo.checks().stream().filter(c -> !c.met()).toList();
        System.out.println(demo.checks().size() - missed.size() + " passed, " + missed.size() + " failed");
        return missed.isEmpty() ? 0 : 1;
    }
}
