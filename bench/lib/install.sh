#!/usr/bin/env bash
# Installs from Debian's packages whatever the bench needs and is missing.
#   lib/install.sh jcompose   -> only what the jcompose-alone run needs (python3, busybox-static)
#   lib/install.sh all        -> plus the reference tools
# A package counts as present when dpkg says it is installed; apt-get runs only when
# something is missing. apt's attempts to start services (dockerd, docker-registry) are
# refused on machines without systemd: run starts dockerd by hand instead.
set -euo pipefail
what=${1:-all}
base=(python3 busybox-static procps iproute2 curl)
peers=(docker.io containerd runc docker-compose podman podman-compose crun conmon
       skopeo umoci docker-registry hyperfine iptables)
want=("${base[@]}")
[ "$what" = all ] && want+=("${peers[@]}")
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install: nothing missing (${#want[@]} packages present)"
  exit 0
fi
echo "install: apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
echo "install: done"
