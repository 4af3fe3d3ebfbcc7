#!/usr/bin/env bash
# Makes the samples' base image from Debian's package archive, with no registry:
#   jc-sample/debian:bookworm   one `mmdebstrap --variant=minbase` run of Debian bookworm with the
#                               machine's apt sources, without documentation, man pages or
#                               translations (dpkg path-excludes that stay in the image, so the
#                               packages the Dockerfiles install leave them out too)
# The samples' service images (wordpress/, redis-counter/, nginx-replicas/) are built FROM it by
# jcompose's builder from their Dockerfiles (`jcompose up` builds an image that is missing).
# The rootfs tarball is cached under $JC_SAMPLE_CACHE (default samples/.cache), keyed by a hash of
# this script, so a second run only imports. Then `jcompose image import` (global jcompose options
# such as --root can be given in $JCOMPOSE_ARGS, or use JCOMPOSE_ROOT).
# JC_SAMPLE_NO_IMPORT=1 only makes the tarball and prints its path (the end-to-end tests import it).
# Usage: debian-base.sh [--rebuild]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
top="$(cd "$here/../.." && pwd)"
cache="${JC_SAMPLE_CACHE:-$here/../.cache}"
suite="${JC_SAMPLE_SUITE:-bookworm}"
read -r -a jc_args <<< "${JCOMPOSE_ARGS:-}"
me="$(basename "${JC_SAMPLE_SCRIPT_NAME:-$0}")"
rebuild=0
[ "${1:-}" = --rebuild ] && { rebuild=1; shift; }
[ $# -eq 0 ] || { echo "usage: $me [--rebuild]  (the service images are built by jcompose from their Dockerfiles)" >&2; exit 2; }
image="jc-sample/debian:$suite"

if ! command -v mmdebstrap >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "$me: mmdebstrap is missing; as root: apt-get install --no-install-recommends mmdebstrap" >&2; exit 1; }
  echo "$me: installing mmdebstrap" >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends mmdebstrap >&2
fi
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
key="$suite-$(sha256sum < "$here/debian-base.sh" | cut -c1-12)"
tar="$cache/debian-$key.tar"

# Leave documentation, man pages and translations out of the image (and out of what is installed on it).
mmdebstrap_base() {
  mmdebstrap --variant=minbase --mode=root --format=tar \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    "$suite" "$1"
}

# Several samples (or their tests) may make it at once: one at a time, the others then find it made.
exec 9> "$cache/debian-$suite.lock"
flock 9
if [ $rebuild = 1 ] || [ ! -s "$tar" ]; then
  start=$SECONDS
  echo "$me: mmdebstrap --variant=minbase $suite (under a minute; log: $tar.log)" >&2
  tmp="$cache/debian-$key.tmp.tar"   # mmdebstrap takes the format from the extension
  if mmdebstrap_base "$tmp" > "$tar.log" 2>&1; then
    mv -f "$tmp" "$tar"
    echo "$me: $(du -h "$tar" | cut -f1) in $((SECONDS - start)) s" >&2
  else
    rm -f "$tmp"; tail -20 "$tar.log" >&2
    echo "$me: mmdebstrap failed (log: $tar.log)" >&2
    exit 1
  fi
fi
# older builds, and the per-image tarballs of earlier versions of the WordPress sample
find "$cache" -maxdepth 1 -type f \( -name 'debian-*.tar*' ! -name "debian-$key.tar*" \
  -o -name 'mariadb-*.tar*' -o -name 'wordpress-*.tar*' \) -delete
exec 9>&-

if [ "${JC_SAMPLE_NO_IMPORT:-0}" = 1 ]; then
  echo "$tar"
  exit 0
fi
echo "$me: importing $image" >&2
"$top/jcompose" "${jc_args[@]}" image import "$tar" "$image" >/dev/null
