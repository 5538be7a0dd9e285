#!/usr/bin/env bash
# Installs the packages this build made, as an operator would, and checks what an operator would notice:
# files, user, unit, a real start of the agent with only its capabilities against a lab interface and a
# local broker, a clean stop, and what removal and purge leave behind. Maven runs it in integration-test:
#   install-test.sh <maven version> <build dir name>
# Needs root (dpkg, network namespaces, XDP): skipped without root locally, a failure under CI=true.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
version=${1:?maven project version}
pkgs=$here/${2:?build dir name}/packages
agent_deb=$(echo "$pkgs"/xdp-guard-agent_*.deb)
console_deb=$(echo "$pkgs"/xdp-guard-console_*.deb)

step() { echo "install-test: $*" >&2; }
fail() { echo "install-test: FAILED: $*" >&2; exit 1; }

if [[ $(id -u) -ne 0 ]]; then
    [[ ${CI:-} == true ]] && fail "needs root (dpkg -i, network namespaces, XDP): run sudo ./scripts/test.sh"
    step "skipped: not root (run sudo ./scripts/test.sh)"
    exit 0
fi
[[ -f $agent_deb && -f $console_deb ]] || fail "packages missing in $pkgs: the build did not make them"

# One install test per machine at a time: the packages, the user and /etc/xdp-guard are machine-wide.
exec 9>/run/lock/xdp-guard-install-test.lock
flock -w 900 9 || fail "another install test holds /run/lock/xdp-guard-install-test.lock"
for p in xdp-guard-agent xdp-guard-console; do
    if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -qv 'not-installed'; then
        fail "$p is already on this machine; this test would remove it: dpkg -P $p first"
    fi
done

ns=xgi-$$
iface=xgi$$a
port=18830
tmp=$(mktemp -d /tmp/xdp-guard-install-test.XXXXXX)
chmod 755 "$tmp"
pids=()
console=""   # process group of the console, xvfb-run and Xvfb
cleanup() {
    local rc=$?
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    [[ -n $console ]] && kill -KILL -- "-$console" 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    dpkg -P xdp-guard-agent xdp-guard-console >/dev/null 2>&1 || true
    if (( rc == 0 )); then
        step "PASSED"
    else
        mkdir -p "$tmp.logs" && cp "$tmp"/*.log "$tmp.logs/" 2>/dev/null || true
        step "agent, broker and console logs kept in $tmp.logs"
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

# Polls a condition (a command) until it holds or the timeout (seconds) passes.
await() {
    local timeout=$1 what=$2; shift 2
    local deadline=$((SECONDS + timeout))
    until "$@"; do
        (( SECONDS < deadline )) || fail "waited ${timeout}s for: $what"
        sleep 0.2
    done
}
owner_mode() { stat -c '%U:%G %a' "$1"; }
expect_eq() { [[ $2 == "$3" ]] || fail "$1: expected '$3', got '$2'"; }
absent() { for f in "$@"; do [[ ! -e $f ]] || fail "$f is left behind"; done; }

launcher=/opt/xdp-guard-agent/bin/xdp-guard-agent
conf=/etc/xdp-guard/agent.yaml
unit=/lib/systemd/system/xdp-guard-agent.service

# ---- agent: install ----------------------------------------------------------------------------------
step "dpkg -i $(basename "$agent_deb") ($(du -h "$agent_deb" | cut -f1))"
dpkg -i "$agent_deb" >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log" >&2; fail "dpkg -i agent"; }

[[ -x $launcher ]] || fail "no launcher $launcher"
readelf -h /opt/xdp-guard-agent/lib/bpf/xdp_guard.bpf.o | grep -q 'Linux BPF' || fail "BPF object missing or not BPF"
getent passwd xdp-guard | grep -q ':/usr/sbin/nologin$' || fail "system user xdp-guard missing or has a login shell"
expect_eq "config owner and mode" "$(owner_mode $conf)" "root:xdp-guard 640"
expect_eq "state dir owner and mode" "$(owner_mode /var/lib/xdp-guard)" "xdp-guard:xdp-guard 750"
[[ -L /etc/systemd/system/multi-user.target.wants/xdp-guard-agent.service ]] || fail "unit not enabled"

step "systemd-analyze verify $unit"
verify=$(systemd-analyze verify "$unit" 2>&1) || fail "systemd-analyze verify: $verify"
[[ -z $verify ]] || fail "systemd-analyze verify complains: $verify"
for d in User=xdp-guard NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
         StateDirectory=xdp-guard Restart=on-failure KillSignal=SIGTERM \
         "AmbientCapabilities=CAP_BPF CAP_NET_ADMIN CAP_PERFMON" "CapabilityBoundingSet=CAP_BPF CAP_NET_ADMIN CAP_PERFMON"; do
    grep -qx "$d" "$unit" || fail "unit lacks $d"
done

# Run it as systemd would: the service user, its environment, only the unit's capabilities, no new privileges.
# (exec: the caller then signals the agent itself, as systemd would.)
as_service() {
    exec env -i HOME=/var/lib/xdp-guard USER=xdp-guard LOGNAME=xdp-guard PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        setpriv --reuid=xdp-guard --regid=xdp-guard --init-groups --no-new-privs \
        --bounding-set=-all,+bpf,+net_admin,+perfmon --inh-caps=-all,+bpf,+net_admin,+perfmon \
        --ambient-caps=+bpf,+net_admin,+perfmon "$@"
}

out=$("$launcher" --version) || fail "--version exits $?"
[[ $out == *"xdp-guard-agent $version"* ]] || fail "--version does not name version $version: $out"
out=$("$launcher" --help) || fail "--help exits $?"
for o in --config --interface --attach --broker --password-file --mode --window-ms --target-syn-per-sec \
         --source-syn-per-sec --block-ms --quiet-ms --outbox --bpf-object; do
    [[ $out == *"$o"* ]] || fail "--help does not document $o"
done
out=$(as_service "$launcher" --config $conf --check) || fail "--check of the default config exits $?: $out"
[[ $out == *"configuration OK"* && $out == *"bpfObject=/opt/xdp-guard-agent/lib/bpf/xdp_guard.bpf.o"* ]] ||
    fail "--check of the default config: $out"

# ---- agent: a real start in a lab namespace ------------------------------------------------------------
step "lab: namespace $ns, veth $iface 198.18.90.1/24, mosquitto 127.0.0.1:$port"
ip netns add "$ns"
ip -n "$ns" link add "$iface" type veth peer name "${iface%a}b"
ip -n "$ns" addr add 198.18.90.1/24 dev "$iface"
ip -n "$ns" addr add 198.18.90.2/24 dev "${iface%a}b"
for l in lo "$iface" "${iface%a}b"; do ip -n "$ns" link set "$l" up; done
# log_type all: the console test below waits for the console's PUBACK of an alert.
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nuser root\nlog_type all\n' "$port" \
    >"$tmp/mosquitto.conf"
# Background children get 9>&-: a leaked child must not keep the lock after the test.
ip netns exec "$ns" mosquitto -c "$tmp/mosquitto.conf" >"$tmp/mosquitto.log" 2>&1 9>&- &
pids+=($!)
disown   # killed in cleanup; no job notice
listening() { ip netns exec "$ns" bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; }
await 10 "mosquitto listening" listening

topic=xdpguard/v1/lab/inst1/status
status() { ip netns exec "$ns" mosquitto_sub -V mqttv5 -p "$port" -t "$topic" -C 1 -W 20; }
ip netns exec "$ns" bash -c "$(declare -f as_service); as_service $launcher --config $conf --interface $iface \
    --broker tcp://127.0.0.1:$port --site lab --host inst1" >"$tmp/agent.log" 2>&1 9>&- &
agent=$!
pids+=("$agent")
msg=$(status) || fail "no status message from the installed agent in 20 s: $(cat "$tmp/agent.log")"
[[ $msg == *'"state":"online"'* ]] || fail "status is not online: $msg"
ip -n "$ns" -d link show dev "$iface" | grep -q 'prog/xdp' || fail "no XDP program on $iface while running"
step "agent online as xdp-guard with CAP_BPF CAP_NET_ADMIN CAP_PERFMON only: $msg"

kill -TERM "$agent"
await 20 "agent exits after SIGTERM" bash -c "! kill -0 $agent 2>/dev/null"
rc=0; wait "$agent" || rc=$?
expect_eq "agent exit code after SIGTERM" "$rc" 0
! ip -n "$ns" -d link show dev "$iface" | grep -q 'prog/xdp' || fail "XDP program left on $iface after SIGTERM"
msg=$(status) || fail "no retained status after stop"
[[ $msg == *'"state":"offline"'* ]] || fail "status after stop is not offline: $msg"

# ---- agent: remove keeps only what the operator changed; purge removes everything ----------------------
step "dpkg -r with the default config: it goes"
dpkg -r xdp-guard-agent >/dev/null 2>&1 || fail "dpkg -r agent"
absent /opt/xdp-guard-agent "$unit" "$conf" /etc/systemd/system/multi-user.target.wants/xdp-guard-agent.service
# The outbox stays until purge: it holds undelivered alerts and the sequence that keeps alert ids unique.
[[ -d /var/lib/xdp-guard ]] || fail "dpkg -r deleted the outbox state (only purge should)"

step "upgrade and dpkg -r with a changed config: it stays"
dpkg -i "$agent_deb" >/dev/null 2>&1 || fail "reinstall agent"
echo "# changed by the operator" >>"$conf"
dpkg -i "$agent_deb" >/dev/null 2>&1 || fail "upgrade agent"
grep -q 'changed by the operator' "$conf" || fail "upgrade replaced the operator's config"
dpkg -r xdp-guard-agent >/dev/null 2>&1 || fail "dpkg -r agent"
grep -q 'changed by the operator' "$conf" || fail "dpkg -r deleted the operator's changed config"
absent /opt/xdp-guard-agent "$unit"

step "dpkg -P: nothing left"
dpkg -P xdp-guard-agent >/dev/null 2>&1 || fail "dpkg -P agent"
absent /etc/xdp-guard /var/lib/xdp-guard /var/lib/xdp-guard-agent
! getent passwd xdp-guard >/dev/null || fail "user xdp-guard left after purge"
! getent group xdp-guard >/dev/null || fail "group xdp-guard left after purge"

# ---- console ---------------------------------------------------------------------------------------------
step "dpkg -i $(basename "$console_deb") ($(du -h "$console_deb" | cut -f1))"
dpkg -i "$console_deb" >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log" >&2; fail "dpkg -i console"; }
desktop=/usr/share/applications/xdp-guard-console.desktop
[[ -x /opt/xdp-guard-console/bin/xdp-guard-console ]] || fail "no console launcher"
# The collector the load benchmark measured (G1: ZGC's concurrent threads cost the window frames under a burst).
grep -qx 'java-options=-XX:+UseG1GC' /opt/xdp-guard-console/lib/app/xdp-guard-console.cfg ||
    fail "the console's launcher does not select G1: $(grep java-options /opt/xdp-guard-console/lib/app/*.cfg)"
[[ -f $desktop ]] || fail "no desktop entry $desktop"
grep -qx 'Name=XDP Guard Console' "$desktop" || fail "desktop entry has no name"
grep -qx 'Exec=/opt/xdp-guard-console/bin/xdp-guard-console %U' "$desktop" || fail "desktop entry runs something else"
icon=$(sed -n 's/^Icon=//p' "$desktop")
file "$icon" | grep -q 'PNG image data' || fail "desktop icon $icon is not a PNG"
[[ -f /usr/share/icons/hicolor/256x256/apps/xdp-guard-console.png ]] || fail "no icon in the hicolor theme"

# The console starts (modules resolve, JavaFX opens a window on Xvfb) and connects to the broker.
step "console smoke test under Xvfb: it connects to the broker"
mkdir -p "$tmp/home"
touch "$tmp/console-start"
subscribed() { [[ $(grep -c 'Received SUBSCRIBE from xg-console' "$tmp/mosquitto.log") -gt $1 ]]; }
start_console() {
    before=$(grep -c 'Received SUBSCRIBE from xg-console' "$tmp/mosquitto.log" || true)
    ip netns exec "$ns" setsid env HOME="$tmp/home" xvfb-run -a /opt/xdp-guard-console/bin/xdp-guard-console \
        --broker "tcp://127.0.0.1:$port" --config-dir "$tmp/home/cfg" --data-dir "$tmp/home/data" \
        >"$1" 2>&1 9>&- &
    console=$!
    await 60 "the console connects to the broker and subscribes" subscribed "$before"
    opened() { grep -q 'event=history_opened' "$1"; }
    await 60 "the console opens its history" opened "$1"
    kill -0 "$console" 2>/dev/null || fail "console exited: $(cat "$1")"
}
stop_console() {
    kill -TERM -- "-$console" 2>/dev/null || true
    await 20 "console stops" bash -c "! kill -0 -- -$console 2>/dev/null"
    console=""
}
start_console "$tmp/console.log"
# journald keeps its lines as they are: one line per event, UTC time, key=value, numbers without separators.
grep -qE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z level=INFO logger=io\.xdpguard\.console\.Startup event=history_opened reloaded=0 recovered=0 ms=[0-9]+$' \
    "$tmp/console.log" || fail "the console's log lines are not structured: $(head -3 "$tmp/console.log")"
# Its MQTT client (Netty, JCTools) uses sun.misc.Unsafe: the launcher allows it, so JDK 25 prints no warning.
! grep -q 'sun.misc.Unsafe' "$tmp/console.log" || fail "the console warns about sun.misc.Unsafe: $(grep -m3 Unsafe "$tmp/console.log")"

# Logout sends SIGTERM to the console's JVM, and JavaFX then runs no stop(): an alert the console has taken from
# the broker (and acknowledged, so the broker will not send it again) must still reach its history.
step "an alert taken just before SIGTERM is in the history after a restart"
ms=$(date +%s%3N)
alert='{"schema":1,"site":"lab","host":"inst1","id":"sigterm-1","incident":"inc-sigterm","seq":1,"kind":"syn_flood",'
alert+='"state":"start","severity":"high","target":{"address":"198.18.90.1","port":80},'
alert+='"source":{"address":"198.18.90.2","port":null},"synPerSec":10200,"peakSynPerSec":11000,'
alert+='"thresholdPerSec":5000,"completionsPerSec":12,"completionRatio":0.0012,'
alert+='"topSources":[{"address":"198.18.90.2","synPerSec":10100}],"mode":"shadow","action":"would_drop",'
alert+="\"startedAt\":$((ms - 1000)),\"detectedAt\":$((ms - 900)),\"updatedAt\":$ms,\"endedAt\":null,\"ts\":$ms}"
ip netns exec "$ns" mosquitto_pub -V mqttv5 -p "$port" -q 1 -t xdpguard/v1/lab/inst1/alert -m "$alert" ||
    fail "mosquitto_pub of an alert"
acked() { grep -q 'Received PUBACK from xg-console' "$tmp/mosquitto.log"; }
await 20 "the console acknowledges the alert to the broker" acked
jvm=$(pgrep -g "$console" -f '^/opt/xdp-guard-console/bin/xdp-guard-console') || fail "no console JVM in group $console"
kill -TERM "$jvm"
await 20 "the console's JVM exits after SIGTERM" bash -c "! kill -0 $jvm 2>/dev/null"
# What it logs while closing reaches the journal too (java.util.logging's own hook no longer drops it first).
grep -q 'event=console_stopped' "$tmp/console.log" || fail "no event=console_stopped logged on SIGTERM: $(tail -3 "$tmp/console.log")"
# The start-up warm-up's scratch history (xg-warmup-history-*) is deleted when the warm-up ends or is stopped: a
# console stopped by SIGTERM leaves nothing named xg-* in /tmp.
left=$(find /tmp -maxdepth 1 -name 'xg-*' -newer "$tmp/console-start")
[[ -z $left ]] || fail "the console left temporary files after SIGTERM: $left"
stop_console
# The console keeps a session on the broker: an alert published while no console runs waits there for it.
step "an alert published while the console is closed is delivered when it starts again"
ip netns exec "$ns" mosquitto_pub -V mqttv5 -p "$port" -q 1 -t xdpguard/v1/lab/inst1/alert \
    -m "${alert//sigterm-1/while-closed-1}" || fail "mosquitto_pub of an alert"
start_console "$tmp/console-2.log"
restored() { grep -q 'event=history_opened reloaded=1 ' "$tmp/console-2.log"; }
await 60 "the restarted console reloads the alert from its history" restored
acked_twice() { [[ $(grep -c 'Received PUBACK from xg-console' "$tmp/mosquitto.log") -ge 2 ]]; }
await 30 "the restarted console takes the alert published while it was closed" acked_twice
sessions=$(grep -o 'as xg-console-[^ ]* (p5, c[01]' "$tmp/mosquitto.log" | sort -u)
[[ $(wc -l <<<"$sessions") -eq 1 && $sessions == *'(p5, c0' ]] ||
    fail "the console's connections do not resume one session (mosquitto: $sessions)"
stop_console
# Stopped with its display (the whole group, Xvfb too, as at logout), the console can die without its shutdown hooks:
# a scratch history it was writing stays, until a later start sees its process gone (ScratchHistoryTest).

dpkg -P xdp-guard-console >/dev/null 2>&1 || fail "dpkg -P console"
absent /opt/xdp-guard-console "$desktop" /usr/share/icons/hicolor/256x256/apps/xdp-guard-console.png
