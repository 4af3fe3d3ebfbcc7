#!/usr/bin/env bash
# Brings up the first-light stack from nothing: installs what is missing, builds jcompose,
# makes the busybox image from Debian's busybox-static, and runs `jcompose up -d`.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
top="$here/../.."
"$top/scripts/setup"
tar="$(mktemp --suffix=.tar)"
trap 'rm -f "$tar"' EXIT
"$top/samples/images/busybox-rootfs.sh" "$tar" >/dev/null
"$top/jcompose" image import "$tar" busybox:latest >/dev/null
"$top/jcompose" -f "$here/compose.yaml" up -d
"$top/jcompose" -f "$here/compose.yaml" ps
echo
echo "Try: curl http://127.0.0.1:${WEB_PORT:-8080}/   and   ./jcompose -f samples/first-light/compose.yaml logs client"
echo "Stop: ./jcompose -f samples/first-light/compose.yaml down   (add -v to remove the volume)"
