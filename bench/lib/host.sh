#!/usr/bin/env bash
# What the reference tools need on these machines, and taking it back afterwards.
#   lib/host.sh save        remember the host settings that dockerd/podman change (once per run)
#   lib/host.sh fixups      hugetlb v1 mount (crun), /etc/containers/containers.conf (podman)
#   lib/host.sh start-dockerd | start-registry   (docker-registry on 127.0.0.1:$REGISTRY_PORT)
#   lib/host.sh stop        stop what this run started (docker-registry, dockerd, its containerd), by PID
#   lib/host.sh restore     put back what can be put back; writes $STATE/end-state.md
# Everything it starts is recorded in $STATE (default bench/.state) as NAME.pid.
#
# Why the fixups (measured on these machines, see bench/RESULTS.md):
#  * podman: the machine has no CAP_SYS_RESOURCE and a hard RLIMIT_NOFILE of 20000, and podman
#    asks for nofile 1048576 and an nproc above conmon's: "crun: setrlimit RLIMIT_NOFILE:
#    Operation not permitted". containers.conf default_ulimits keeps them under the hard limits.
#  * crun 1.8 refuses the hybrid cgroup layout ("cgroups in hybrid mode not supported, drop all
#    controllers from cgroupv2") while cgroup2 at /sys/fs/cgroup/unified still offers hugetlb.
#    Mounting a v1 hugetlb hierarchy empties that list. The kernel keeps that hierarchy after
#    umount, so this stays until reboot; jcompose, docker and runc work either way.
set -uo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
STATE=${STATE:-$here/../.state}
mkdir -p "$STATE"
STATE="$(cd "$STATE" && pwd)"
CONF=/etc/containers/containers.conf
MARK='# written by jcompose bench/lib/host.sh'
DOCKER=/usr/bin/docker   # Debian's CLI; another one may come first on PATH
REGISTRY_PORT=${REGISTRY_PORT:-15000}

say() { echo "host: $*"; }

forward_policy() { iptables -S FORWARD 2>/dev/null | awk '$1=="-P"{print $3; exit}'; }
sysctl_file() { cat "$1" 2>/dev/null || echo absent; }

save() {
  [ -f "$STATE/host-before.env" ] && return 0
  {
    echo "FORWARD_POLICY=$(forward_policy)"
    echo "IP_FORWARD=$(sysctl_file /proc/sys/net/ipv4/ip_forward)"
    for k in iptables ip6tables arptables; do
      echo "BRIDGE_NF_CALL_${k^^}=$(sysctl_file /proc/sys/net/bridge/bridge-nf-call-$k)"
    done
    echo "HAD_CONTAINERS_CONF=$([ -e "$CONF" ] && echo yes || echo no)"
    echo "HAD_HUGETLB_V1=$(mountpoint -q /sys/fs/cgroup/hugetlb && echo yes || echo no)"
    echo "HAD_DOCKER0=$(ip link show docker0 >/dev/null 2>&1 && echo yes || echo no)"
    echo "HAD_PODMAN0=$(ip link show podman0 >/dev/null 2>&1 && echo yes || echo no)"
  } >"$STATE/host-before.env"
  say "saved: $(tr '\n' ' ' <"$STATE/host-before.env")"
}

fixups() {
  if [ -d /sys/fs/cgroup/unified ] && ! mountpoint -q /sys/fs/cgroup/hugetlb \
     && grep -qw hugetlb /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null; then
    mkdir -p /sys/fs/cgroup/hugetlb && mount -t cgroup -o hugetlb cgroup /sys/fs/cgroup/hugetlb \
      && say "mounted a v1 hugetlb hierarchy at /sys/fs/cgroup/hugetlb for crun (stays until reboot)"
  fi
  if [ ! -e "$CONF" ]; then
    mkdir -p /etc/containers
    printf '%s (no CAP_SYS_RESOURCE here; removed again at the end of the run)\n[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]\n' \
      "$MARK" >"$CONF"
    say "wrote $CONF (default_ulimits for podman)"
  elif ! grep -q default_ulimits "$CONF"; then
    say "WARNING: $CONF exists without default_ulimits: podman may fail with setrlimit errors"
  fi
}

alive() { [ -f "$STATE/$1.pid" ] && kill -0 "$(cat "$STATE/$1.pid")" 2>/dev/null; }

start_dockerd() {
  if alive dockerd; then say "dockerd already running (pid $(cat "$STATE/dockerd.pid"))"; return 0; fi
  if $DOCKER info >/dev/null 2>&1; then
    say "a dockerd this run did not start answers already; using it (it will not be stopped)"
    return 0
  fi
  setsid dockerd --storage-driver overlay2 </dev/null >"$STATE/dockerd.log" 2>&1 &
  echo $! >"$STATE/dockerd.pid"
  touch "$STATE/started-dockerd"
  for _ in $(seq 1 150); do $DOCKER info >/dev/null 2>&1 && break; sleep 0.2; done
  if ! $DOCKER info >/dev/null 2>&1; then
    say "dockerd did not come up; its log ends with:"; tail -5 "$STATE/dockerd.log"; return 1
  fi
  # dockerd starts its own containerd as a child; remember it too, to check it is gone at the end
  local c; c=$(pgrep -P "$(cat "$STATE/dockerd.pid")" -x containerd | head -1)
  [ -n "$c" ] && echo "$c" >"$STATE/containerd.pid"
  say "dockerd pid $(cat "$STATE/dockerd.pid"), its containerd pid ${c:-?}; FORWARD policy now $(forward_policy)"
}

start_registry() {
  if alive registry; then say "docker-registry already running (pid $(cat "$STATE/registry.pid"))"; return 0; fi
  rm -rf "$STATE/registry" && mkdir -p "$STATE/registry"
  cat >"$STATE/registry/config.yml" <<EOF
version: 0.1
log: {level: warn}
storage: {filesystem: {rootdirectory: $STATE/registry/data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$REGISTRY_PORT}
EOF
  setsid docker-registry serve "$STATE/registry/config.yml" </dev/null >"$STATE/logs/registry.log" 2>&1 &
  echo $! >"$STATE/registry.pid"
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$REGISTRY_PORT/v2/" >/dev/null && break; sleep 0.1; done
  curl -fs "http://127.0.0.1:$REGISTRY_PORT/v2/" >/dev/null || { say "docker-registry did not answer"; return 1; }
  say "docker-registry pid $(cat "$STATE/registry.pid") on 127.0.0.1:$REGISTRY_PORT (storage $STATE/registry)"
}

stop_pid() { # name [timeout-seconds] [label]
  local name=$1 t=${2:-30} label=${3:-} p
  [ -f "$STATE/$name.pid" ] || return 0
  p=$(cat "$STATE/$name.pid")
  if kill -0 "$p" 2>/dev/null; then
    kill -TERM "$p"
    for _ in $(seq 1 $((t * 10))); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$p" 2>/dev/null; then
      say "$name ($p) ignored SIGTERM for ${t}s: SIGKILL"; kill -KILL "$p"
      echo "- ${label:-$name} (pid $p): did not stop on SIGTERM within ${t} s, killed by PID." >>"$STATE/stopped.md"
    else
      echo "- ${label:-$name} (pid $p): stopped by PID (SIGTERM)." >>"$STATE/stopped.md"
    fi
    say "$name ($p) stopped"
  else
    echo "- ${label:-$name} (pid $p): had already exited." >>"$STATE/stopped.md"
  fi
  rm -f "$STATE/$name.pid"
}

stop() {
  stop_pid registry 10 docker-registry
  stop_pid dockerd 40
  stop_pid containerd 10 "dockerd's containerd"   # normally gone with dockerd already
}

# Removes the iptables rules and chains a tool left behind (dockerd and netavark leave them on
# exit), touching no one else's: only the built-in chains' rules that jump to one of the tool's
# chains or name one of its interfaces, then the tool's own chains.
#   drop_iptables CHAIN_PREFIX INTERFACE_REGEX
drop_iptables() {
  local prefix=$1 ifre=$2 t line c
  for t in filter nat; do
    iptables-save -t "$t" 2>/dev/null | grep -E '^-A (FORWARD|INPUT|OUTPUT|PREROUTING|POSTROUTING) ' \
      | grep -E -- "-j $prefix|[io] ($ifre)( |$)" | while read -r line; do
        eval "iptables -t $t ${line/-A /-D }" 2>/dev/null
      done
    for c in $(iptables-save -t "$t" 2>/dev/null | awk -v p="^:$prefix" '$0 ~ p {print substr($1,2)}'); do
      iptables -t "$t" -F "$c" 2>/dev/null
    done
    for c in $(iptables-save -t "$t" 2>/dev/null | awk -v p="^:$prefix" '$0 ~ p {print substr($1,2)}'); do
      iptables -t "$t" -X "$c" 2>/dev/null
    done
  done
  ! iptables-save 2>/dev/null | grep -q -- "$prefix"
}

restore() {
  local out="$STATE/end-state.md"
  [ -f "$STATE/host-before.env" ] || { say "nothing saved, nothing to restore"; return 0; }
  # shellcheck disable=SC1091
  . "$STATE/host-before.env"
  : >"$out"
  note() { echo "- $*" | tee -a "$out"; }
  [ -f "$STATE/stopped.md" ] && cat "$STATE/stopped.md" >>"$out" && rm -f "$STATE/stopped.md"
  local still=()
  for n in dockerd containerd registry; do alive "$n" && still+=("$n"); done
  [ ${#still[@]} -gt 0 ] && note "**still running**: ${still[*]}"
  local now; now=$(forward_policy)
  if [ -n "$FORWARD_POLICY" ] && [ "$now" != "$FORWARD_POLICY" ]; then
    iptables -P FORWARD "$FORWARD_POLICY" && note "iptables FORWARD policy: dockerd left it $now, set back to $FORWARD_POLICY."
  elif [ "$IP_FORWARD" = 1 ]; then
    note "iptables FORWARD policy: $now, as before the run (dockerd sets it to DROP only when it has to turn net.ipv4.ip_forward on, and it was on already)."
  else
    note "iptables FORWARD policy: $now, as before the run."
  fi
  if [ -f "$STATE/started-dockerd" ]; then
    if drop_iptables DOCKER 'docker0|br-[0-9a-f]{12}'; then
      note "dockerd's iptables chains (DOCKER, DOCKER-USER, DOCKER-ISOLATION-*), the jumps to them and its masquerade rules: removed."
    else
      note "**left**: some of dockerd's iptables rules (DOCKER*), which could not be removed."
    fi
    rm -f "$STATE/started-dockerd"
  fi
  if iptables-save 2>/dev/null | grep -q NETAVARK; then
    if [ -n "$(podman ps -q 2>/dev/null)" ]; then
      note "**left**: netavark's iptables chains (NETAVARK*): podman containers are running."
    elif drop_iptables NETAVARK 'podman[0-9]+'; then
      note "netavark's iptables chains (NETAVARK_FORWARD, NETAVARK-HOSTPORT-*) and the jumps to them, left by podman: removed."
    else
      note "**left**: some of netavark's iptables rules (NETAVARK*), which could not be removed."
    fi
  fi
  for k in iptables ip6tables arptables; do
    local var="BRIDGE_NF_CALL_${k^^}" f="/proc/sys/net/bridge/bridge-nf-call-$k"
    local was=${!var} cur; cur=$(sysctl_file "$f")
    if [ "$was" = absent ] && [ "$cur" != absent ]; then
      note "br_netfilter: was not loaded before and is now ($f = $cur); it cannot be unloaded from here."
    elif [ "$cur" != "$was" ]; then
      echo "$was" >"$f" && note "$f: $cur set back to $was."
    fi
  done
  [ "$BRIDGE_NF_CALL_IPTABLES" != absent ] && note "br_netfilter: already active before the run (bridge-nf-call-iptables=$BRIDGE_NF_CALL_IPTABLES; on these kernels it is built in), values unchanged."
  local ipf; ipf=$(sysctl_file /proc/sys/net/ipv4/ip_forward)
  if [ "$ipf" != "$IP_FORWARD" ]; then echo "$IP_FORWARD" >/proc/sys/net/ipv4/ip_forward && note "net.ipv4.ip_forward: $ipf set back to $IP_FORWARD."; fi
  if [ "$HAD_DOCKER0" = no ] && ip link show docker0 >/dev/null 2>&1; then
    ip link del docker0 && note "docker0 bridge (left by dockerd): deleted."
  fi
  if [ "$HAD_PODMAN0" = no ] && ip link show podman0 >/dev/null 2>&1; then
    ip link del podman0 && note "podman0 bridge (left by netavark): deleted."
  fi
  if [ "$HAD_CONTAINERS_CONF" = no ] && grep -q "$MARK" "$CONF" 2>/dev/null; then
    rm -f "$CONF" && note "$CONF (podman's ulimits) removed; the next run writes it again."
  fi
  if mountpoint -q /sys/fs/cgroup/hugetlb; then
    if [ "$HAD_HUGETLB_V1" = no ]; then
      note "**left**: the v1 hugetlb hierarchy at /sys/fs/cgroup/hugetlb (crun needs it here; the kernel keeps it after umount, so only a reboot undoes it)."
    else
      note "**left**: the v1 hugetlb hierarchy at /sys/fs/cgroup/hugetlb, there before this run (an earlier bench run mounts it for crun; only a reboot undoes it)."
    fi
  fi
  note "**left**: the Debian packages installed, and the busybox image in dockerd's store (/var/lib/docker) and podman's (/var/lib/containers)."
  rm -f "$STATE/host-before.env"
}

case "${1:-}" in
  save) save ;;
  fixups) fixups ;;
  start-dockerd) start_dockerd ;;
  start-registry) start_registry ;;
  stop) stop ;;
  restore) restore ;;
  *) echo "usage: $0 save|fixups|start-dockerd|start-registry|stop|restore" >&2; exit 2 ;;
esac
