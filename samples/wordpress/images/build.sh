#!/usr/bin/env bash
# Makes the base image of the WordPress sample from Debian's package archive, with no registry:
#   jc-sample/debian:bookworm   one `mmdebstrap --variant=minbase` run of Debian bookworm with the
#                               machine's apt sources, without documentation, man pages or
#                               translations (dpkg path-excludes that stay in the image, so the
#                               packages the Dockerfiles install leave them out too)
# The two service images are built FROM it by jcompose's builder (mariadb/Dockerfile,
# wordpress/Dockerfile; `jcompose up` builds them when they are missing).
# The rootfs tarball is cached under $JC_SAMPLE_CACHE (default samples/wordpress/.cache), keyed by
# a hash of this script, so a second run only imports. Then `jcompose image import` (global
# jcompose options such as --root can be given in $JCOMPOSE_ARGS, or use JCOMPOSE_ROOT).
# JC_SAMPLE_NO_IMPORT=1 only makes the tarball and prints its path (the end-to-end test imports it).
# Usage: build.sh [--rebuild]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
top="$(cd "$here/../../.." && pwd)"
cache="${JC_SAMPLE_CACHE:-$here/../.cache}"
suite="${JC_SAMPLE_SUITE:-bookworm}"
read -r -a jc_args <<< "${JCOMPOSE_ARGS:-}"
rebuild=0
[ "${1:-}" = --rebuild ] && { rebuild=1; shift; }
[ $# -eq 0 ] || { echo "usage: build.sh [--rebuild]  (the service images are built by jcompose from their Dockerfiles)" >&2; exit 2; }
image="jc-sample/debian:$suite"

if ! command -v mmdebstrap >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "build.sh: mmdebstrap is missing; as root: apt-get install --no-install-recommends mmdebstrap" >&2; exit 1; }
  echo "build.sh: installing mmdebstrap" >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends mmdebstrap >&2
fi
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
key="$suite-$(sha256sum < "$here/build.sh" | cut -c1-12)"
tar="$cache/debian-$key.tar"

# Leave documentation, man pages and translations out of the image (and out of what is installed on it).
mmdebstrap_base() {
  mmdebstrap --variant=minbase --mode=root --format=tar \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    "$suite" "$1"
}

if [ $rebuild = 1 ] || [ ! -s "$tar" ]; then
  start=$SECONDS
  echo "build.sh: mmdebstrap --variant=minbase $suite (under a minute; log: $tar.log)" >&2
  tmp="$cache/debian-$key.tmp.tar"   # mmdebstrap takes the format from the extension
  if mmdebstrap_base "$tmp" > "$tar.log" 2>&1; then
    mv -f "$tmp" "$tar"
    echo "build.sh: $(du -h "$tar" | cut -f1) in $((SECONDS - start)) s" >&2
  else
    rm -f "$tmp"; tail -20 "$tar.log" >&2
    echo "build.sh: mmdebstrap failed (log: $tar.log)" >&2
    exit 1
  fi
fi
# older builds, and the per-image tarballs of earlier versions of this sample
find "$cache" -maxdepth 1 -type f \( -name 'debian-*.tar*' ! -name "debian-$key.tar*" \
  -o -name 'mariadb-*.tar*' -o -name 'wordpress-*.tar*' \) -delete

if [ "${JC_SAMPLE_NO_IMPORT:-0}" = 1 ]; then
  echo "$tar"
  exit 0
fi
echo "build.sh: importing $image" >&2
"$top/jcompose" "${jc_args[@]}" image import "$tar" "$image" >/dev/null
