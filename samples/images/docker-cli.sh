#!/usr/bin/env bash
# Prints the path of a docker CLI taken out of Debian's docker.io package without installing it:
# `apt-get download docker.io` into the cache ($JC_SAMPLE_CACHE, default /var/cache/jcompose-samples),
# then `dpkg-deb -x` and keep only usr/bin/docker. No dockerd is installed and no maintainer script
# runs. The binary is cached by package version; the first run downloads about 30 MB.
set -euo pipefail
cache="${JC_SAMPLE_CACHE:-/var/cache/jcompose-samples}"
dir="$cache/docker-cli"
mkdir -p "$dir"
exec 9> "$dir/.lock"
flock 9
candidate() { apt-cache policy docker.io 2>/dev/null | awk '/Candidate:/ {print $2}'; }
version="$(candidate)"
if { [ -z "$version" ] || [ "$version" = "(none)" ]; } && [ "$(id -u)" = 0 ]; then
  apt-get -o DPkg::Lock::Timeout=600 update -q >&2 # a fresh machine may have no package lists yet
  version="$(candidate)"
fi
if [ -z "$version" ] || [ "$version" = "(none)" ]; then
  echo "docker-cli: apt knows no docker.io package, so no docker CLI can be taken from it; run apt-get update (Debian 12 has docker.io in main)" >&2
  exit 1
fi
bin="$dir/docker-${version//[:+~]/_}"
if [ ! -x "$bin" ]; then
  tmp="$(mktemp -d "$dir/tmp.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  if ! (cd "$tmp" && apt-get download -q "docker.io=$version" >&2); then
    echo "docker-cli: apt-get download docker.io=$version failed (see above); the test needs Debian's package archive" >&2
    exit 1
  fi
  dpkg-deb -x "$tmp"/docker.io_*.deb "$tmp/x"
  install -m 755 "$tmp/x/usr/bin/docker" "$bin.tmp"
  mv "$bin.tmp" "$bin"
fi
echo "$bin"
