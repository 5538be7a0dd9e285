#!/usr/bin/env bash
# Runs every test of XDP Guard: installs what it needs, finds a JDK >= 25, and runs the Maven build.
# The BPF and pipeline tests need root (they load XDP programs and create network namespaces);
# the console tests open real windows, so without a display they run under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

xg_ensure_packages
xg_find_jdk
echo "xdp-guard: JDK $JAVA_HOME" >&2
if [[ $(id -u) -ne 0 ]]; then
    echo "xdp-guard: not root: the BPF and pipeline tests will $([[ "${CI:-}" == true ]] && echo fail || echo be skipped); run as root to run them" >&2
fi

mvn_args=(-B -ntp verify "$@")
if [[ -z "${DISPLAY:-}" ]]; then
    exec xvfb-run -a -s "-screen 0 1920x1080x24" ./mvnw "${mvn_args[@]}"
fi
exec ./mvnw "${mvn_args[@]}"
