#!/usr/bin/env bash
# Makes the same busybox image for every tool, from one root filesystem tarball built by the
# project's own samples/images/busybox-rootfs.sh (Debian's busybox-static):
#   docker, podman: `import` as busybox:latest (podman names it localhost/busybox:latest)
#   runc, crun:     an OCI bundle ($STATE/bundle: the tarball unpacked + `runc spec`, args /bin/true)
#   jcompose:       `jcompose image import` into the bench's private engine root
# usage: lib/images.sh TOOL...   (TOOL: docker podman bundle jcompose)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
top="$here/../.."
STATE=${STATE:-$here/../.state}
DOCKER=/usr/bin/docker
tar="$STATE/busybox-rootfs.tar"
[ -f "$tar" ] || "$top/samples/images/busybox-rootfs.sh" "$tar" >/dev/null
changes=(--change 'CMD ["sh"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')

for tool in "$@"; do
  case $tool in
    docker)
      $DOCKER rmi -f busybox:latest >/dev/null 2>&1 || true
      echo "images: docker    $($DOCKER import "${changes[@]}" "$tar" busybox:latest)" ;;
    podman)
      podman rmi -f localhost/busybox:latest >/dev/null 2>&1 || true
      echo "images: podman    $(podman import -q "${changes[@]}" "$tar" busybox:latest)" ;;
    bundle)
      rm -rf "$STATE/bundle"
      mkdir -p "$STATE/bundle/rootfs"
      tar -C "$STATE/bundle/rootfs" -xf "$tar"
      (cd "$STATE/bundle" && runc spec)
      python3 - "$STATE/bundle/config.json" <<'EOF'
import json, sys
p = sys.argv[1]
c = json.load(open(p))
c["process"]["terminal"] = False        # no tty: the harness runs it with stdin from /dev/null
c["process"]["args"] = ["/bin/true"]
c["hostname"] = "bench"
json.dump(c, open(p, "w"), indent=2)
print("images: bundle    %s (namespaces: %s)" % (p, ",".join(n["type"] for n in c["linux"]["namespaces"])))
EOF
      ;;
    jcompose)
      echo "images: jcompose  $("$STATE/bin/jcompose" image import "$tar" busybox:latest)" ;;
    *) echo "images: unknown tool $tool" >&2; exit 2 ;;
  esac
done
