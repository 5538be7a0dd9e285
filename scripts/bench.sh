#!/usr/bin/env bash
# Benchmarks that print figures (not timed tests). Needs root: they load XDP programs.
#   scripts/bench.sh packet            per-packet cost of XDP Guard vs an empty XDP program (BPF_PROG_TEST_RUN)
#   scripts/bench.sh latency [floods]  first flood packet -> alert at an MQTT subscriber, p50/p99
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
xg_ensure_packages
xg_find_jdk
[[ $(id -u) -eq 0 ]] || xg_die "benchmarks load XDP programs: run as root"

what="${1:-}"; shift || true
case "$what" in
    packet) main=io.xdpguard.agent.bench.PacketCostBench ;;
    latency) main=io.xdpguard.agent.lab.DetectionLatencyBench ;;
    *) xg_die "usage: scripts/bench.sh packet|latency [args]" ;;
esac

build=target-bench
./mvnw -q -B -ntp -pl edge-agent -am -Dxg.build.dir=$build -DskipTests install >&2
./mvnw -q -B -ntp -pl edge-agent -Dxg.build.dir=$build dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/edge-agent/$build/test.classpath" >&2
cp="edge-agent/$build/test-classes:edge-agent/$build/classes:$(cat edge-agent/$build/test.classpath)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" "$main" "$@"
