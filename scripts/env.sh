# Sourced by the project's scripts: finds a JDK >= 25 and installs the Debian packages we need.
# shellcheck shell=bash

XG_PACKAGES=(clang llvm libbpf-dev bpftool iproute2 hping3 tcpdump openssl libcap2-bin xdg-utils mosquitto mosquitto-clients xvfb xauth libgtk-3-0 gnome-keyring libsecret-1-0 dbus-daemon dbus-bin fakeroot make gcc libc6-dev linux-libc-dev)

xg_die() {
    echo "xdp-guard: $*" >&2
    exit 1
}

xg_java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

# Sets JAVA_HOME to a JDK >= 25: JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm, else java on PATH.
xg_find_jdk() {
    local candidates=() c major
    [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
    for c in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do [[ -x "$c/bin/javac" ]] && candidates+=("$c"); done
    if command -v javac >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    local best="" best_major=0
    for c in "${candidates[@]}"; do
        [[ -x "$c/bin/java" && -x "$c/bin/javac" ]] || continue
        major=$(xg_java_major "$c/bin/java")
        major=${major%%.*}
        if [[ "$major" =~ ^[0-9]+$ ]] && (( major >= 25 && major > best_major )); then
            best="$c"; best_major=$major
        fi
    done
    [[ -n "$best" ]] || xg_die "no JDK 25 or newer found: install one (e.g. Temurin 25 under /usr/lib/jvm) or set JAVA_HOME to it"
    export JAVA_HOME="$best"
    export PATH="$JAVA_HOME/bin:$PATH"
}

# Installs missing Debian packages; without root it names them instead.
xg_ensure_packages() {
    local missing=() p
    for p in "${XG_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    (( ${#missing[@]} == 0 )) && return 0
    if [[ $(id -u) -ne 0 ]]; then
        xg_die "missing Debian packages: ${missing[*]} — run: sudo apt-get install -y ${missing[*]}"
    fi
    echo "xdp-guard: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || xg_die "apt-get update failed"
    apt-get install -y -qq "${missing[@]}" >&2 || xg_die "apt-get install ${missing[*]} failed"
}
