#!/usr/bin/env bash
# The whole system on this machine: a lab of three monitored hosts and an attacker (network namespaces),
# a real XDP Guard agent on each host, the embedded broker on 127.0.0.1, the console, and an attack
# scenario that loops until you press Ctrl-C or close the console.
#   scripts/demo.sh              with the console (needs a display)
#   scripts/demo.sh --headless   prints each alert as a subscriber sees it, with its latency
#   scripts/demo.sh --headless --loops 1
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

headless=false
for arg in "$@"; do [[ "$arg" == "--headless" ]] && headless=true; done
[[ $(id -u) -eq 0 ]] || xg_die "the demo loads XDP programs and creates network namespaces: run it as root (sudo scripts/demo.sh)"
if [[ "$headless" == false && -z "${DISPLAY:-}" ]]; then
    xg_die "no display for the console: run 'scripts/demo.sh --headless', or start it from a desktop session"
fi
xg_ensure_packages
xg_find_jdk

build=target-demo
stamp=demo/$build/demo.stamp
# Rebuild only when a source changed since the last build, so the second start is quick.
if [[ ! -f "$stamp" ]] || [[ -n "$(find bpf protocol edge-agent/src broker/src console-app/src demo/src pom.xml */pom.xml -newer "$stamp" -type f -print -quit)" ]]; then
    echo "xdp-guard: building (first run takes a few minutes)" >&2
    # One reactor build that also writes each module's runtime class path: the project's own modules then
    # resolve to the jars just built, never to a local Maven repository (empty on a fresh machine).
    ./mvnw -q -B -ntp -pl demo,console-app -am -Dxg.build.dir=$build -DskipTests package \
        dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=$build/runtime.classpath >&2
    touch "$stamp"
fi
cp="demo/$build/classes:$(cat demo/$build/runtime.classpath)"
console_path="$(ls console-app/$build/console-app-*.jar | head -1):$(cat console-app/$build/runtime.classpath)"
# The demo JVM hosts the embedded HiveMQ broker, whose Guava and Netty use sun.misc.Unsafe (JDK 25 would warn).
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -cp "$cp" io.xdpguard.demo.Main \
    --console-module-path "$console_path" \
    --console-option=@"$PWD/console-app/jvm/runtime.options" --console-option=@"$PWD/console-app/jvm/modules.options" \
    "$@"
