#!/usr/bin/env bash
# Builds the installers with jpackage: the agent .deb, the console .deb and the console's portable app image.
# Maven runs it in the installer module's package phase (./mvnw -pl installer -am package); it takes the
# jars Maven built and writes everything to installer/<build dir>/packages.
#   build.sh <maven version> <build dir name>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
version=${1:?maven project version}
build=${2:?build dir name, e.g. target}
jdk=${JAVA_HOME:?JAVA_HOME must point at a JDK 25 with jlink and jpackage}

# Debian sorts "~" before anything, so 0.1.0~SNAPSHOT < 0.1.0: a release upgrades a snapshot.
deb_version=${version//-/\~}
work=$here/$build/jpackage
out=$here/$build/packages
agent_build=$root/edge-agent/$build
rm -rf "$work" "$out"
mkdir -p "$work" "$out"

# --strip-debug etc. trim what a service or desktop app never uses: headers, man pages, debug symbols.
jlink_runtime() { # <dest> <modules>
    "$jdk/bin/jlink" --add-modules "$2" --output "$1" --strip-debug --no-header-files --no-man-pages \
        --compress zip-6 --strip-native-commands
}

common=(--app-version "$deb_version" --vendor "XDP Guard" --copyright "XDP Guard contributors"
        --linux-deb-maintainer xdp-guard@example.org --install-dir /opt --dest "$out")

# ---- agent -------------------------------------------------------------------------------------------
# Runs on the class path (Paho is an automatic module), so only the JDK is linked. jdeps finds java.base,
# java.logging and jdk.unsupported (sun.misc.Signal); Paho's java.prefs use is its WebSocket transport,
# which the agent does not offer (tcp:// and ssl:// only), and java.prefs would drag in java.xml.
jlink_runtime "$work/agent-runtime" java.base,java.logging,jdk.unsupported
mkdir -p "$work/agent-input" "$work/agent-content/bpf" "$work/agent-resources"
cp "$agent_build/edge-agent-$version.jar" "$agent_build"/lib/*.jar "$work/agent-input/"
# The BPF object also ships as a file, so an operator can see (and bpftool can inspect) what gets loaded.
cp "$agent_build/classes/bpf/xdp_guard.bpf.o" "$work/agent-content/bpf/"
cp "$here/agent/agent.yaml" "$here/agent/xdp-guard-agent.service" "$work/agent-content/"
cp "$here/agent/postinst" "$here/agent/prerm" "$here/agent/postrm" "$work/agent-resources/"
"$jdk/bin/jpackage" --type deb --name xdp-guard-agent --linux-package-name xdp-guard-agent \
    --description "XDP Guard edge agent: detects SYN floods with XDP and reports over MQTT 5" \
    --input "$work/agent-input" --main-jar "edge-agent-$version.jar" --main-class io.xdpguard.agent.Main \
    --runtime-image "$work/agent-runtime" --app-content "$work/agent-content/bpf" \
    --app-content "$work/agent-content/agent.yaml" --app-content "$work/agent-content/xdp-guard-agent.service" \
    --java-options --enable-native-access=ALL-UNNAMED \
    --linux-package-deps "libbpf1, adduser" --linux-app-category net \
    --resource-dir "$work/agent-resources" "${common[@]}"

# ---- console -----------------------------------------------------------------------------------------
# Runs on the module path (ControlsFX needs the --add-opens below). The OpenJFX jars carry their native
# libraries, so they stay jars next to the app; only the JDK modules they and the app require are linked.
mods=$work/console-mods
mkdir -p "$mods"
for jar in "$here/$build/console-jars"/*.jar; do
    # The unclassified OpenJFX jars are empty placeholders for the platform (-linux) ones.
    if (( $(unzip -Z1 "$jar" | grep -c '\.class$') > 0 )); then cp "$jar" "$mods/"; fi
done
jdk_modules=$("$jdk/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
    --module-path "$mods" --add-modules ALL-MODULE-PATH)
[[ $jdk_modules =~ ^[a-z.,]+$ ]] || { echo "jdeps failed: $jdk_modules" >&2; exit 1; }
# jdeps reports what the code uses; module descriptors may require more (javafx.graphics: jdk.unsupported).
# "requires static" is optional at run time (javafx.base: jdk.jfr) and jdk.jsobject comes with OpenJFX.
for jar in "$mods"/*.jar; do
    jdk_modules+=$("$jdk/bin/jar" --describe-module --file "$jar" |
        awk '$1 == "requires" && $2 ~ /^(java|jdk)\./ && $2 != "jdk.jsobject" && !/ static/ {printf ",%s", $2}')
done
jdk_modules=$(tr , '\n' <<<"$jdk_modules" | sort -u | paste -sd,)
echo "console runtime modules: $jdk_modules" >&2
jlink_runtime "$work/console-runtime" "$jdk_modules"
mkdir -p "$work/console-resources"
"$jdk/bin/java" -Djava.awt.headless=true "$here/console/Icon.java" "$work/console-resources/xdp-guard-console.png" 256
cp "$here/console/xdp-guard-console.desktop" "$here/console/postinst" "$here/console/prerm" "$work/console-resources/"
# The console's JVM options are kept in one place (console-app/jvm/*.options, java's @-file syntax, with the
# reasons); jpackage's launcher takes them as plain options.
mapfile -t console_opts < <(sed -e 's/#.*//' "$root"/console-app/jvm/runtime.options "$root"/console-app/jvm/modules.options |
    tr -s ' \t' '\n' | sed -e '/^$/d')
console=(--name xdp-guard-console --description "XDP Guard console: watches a fleet of XDP Guard agents"
    --module-path "$mods" --module io.xdpguard.console/io.xdpguard.console.ConsoleApp
    --runtime-image "$work/console-runtime" --icon "$work/console-resources/xdp-guard-console.png"
    --java-options "${console_opts[*]}")
"$jdk/bin/jpackage" --type app-image "${console[@]}" --app-version "${version%%-*}" --dest "$work/app-image"
tar -C "$work/app-image" -czf "$out/xdp-guard-console-$version-linux-x64.tar.gz" xdp-guard-console
"$jdk/bin/jpackage" --type deb "${console[@]}" --linux-package-name xdp-guard-console --linux-shortcut \
    --linux-menu-group "Network;Security" --linux-app-category net --resource-dir "$work/console-resources" \
    --linux-package-deps "libsecret-1-0" \
    "${common[@]}"

ls -l "$out" >&2
