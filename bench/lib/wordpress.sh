#!/usr/bin/env bash
# The WordPress sample's images for the `wordpress` scenario: built once by jcompose's builder, and
# the very same images (same ids) moved into dockerd.
#   lib/wordpress.sh images [docker]
#
# 1. The base image jc-sample/debian:bookworm: the tarball of samples/images/debian-base.sh
#    (mmdebstrap --variant=minbase of Debian bookworm). Taken read-only from the samples' shared
#    cache /var/cache/jcompose-samples when it holds the tarball of this debian-base.sh, else made
#    into $STATE/samples-cache (about a minute, once); `jcompose image import`ed.
# 2. jc-sample/mariadb:latest and jc-sample/wordpress:latest: `jcompose -f samples/wordpress/compose.yaml
#    build` (the samples' Dockerfiles; apt-get fetches from Debian's archive, about a minute and a
#    half), then `jcompose image save` to $STATE/wordpress/images-KEY.tar. KEY hashes the Dockerfiles'
#    directories and the base tarball's name: a later run with the same KEY loads that save
#    (`jcompose image load`) instead of building again. Delete the file to build again.
# 3. With `docker`: `docker load -i` of the same tar into the running dockerd, and a check that
#    both engines give each image the same id (the config digest).
# Writes $STATE/wordpress/images.json (how the images were made, their ids) for the report.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
top="$(cd "$here/../.." && pwd)"
STATE=${STATE:-$here/../.state}
JC="$STATE/bin/jcompose"
DOCKER=/usr/bin/docker
W="$STATE/wordpress"
sample="$top/samples/wordpress"
images=(jc-sample/mariadb:latest jc-sample/wordpress:latest)
mkdir -p "$W"
say() { echo "wordpress: $*"; }

[ "${1:-}" = images ] || { echo "usage: $0 images [docker]" >&2; exit 2; }
shift
docker=; [ "${1:-}" = docker ] && docker=1

# 1. base image
key=bookworm-$(sha256sum <"$top/samples/images/debian-base.sh" | cut -c1-12)
base=/var/cache/jcompose-samples/debian-$key.tar
if [ ! -s "$base" ]; then
  base=$(JC_SAMPLE_CACHE="$STATE/samples-cache" JC_SAMPLE_NO_IMPORT=1 "$top/samples/images/debian-base.sh")
fi
"$JC" image import "$base" jc-sample/debian:bookworm >/dev/null
say "base image jc-sample/debian:bookworm from $base"

# 2. the service images: built, or loaded from the save of an earlier build
ikey=$( { echo "$(basename "$base")"; cd "$sample/images" && find mariadb wordpress -type f | LC_ALL=C sort | xargs sha256sum; } \
        | sha256sum | cut -c1-12)
tar="$W/images-$ikey.tar"
how=
if [ -s "$tar" ]; then
  t0=$(date +%s%N)
  "$JC" image load -q -i "$tar"
  how="loaded with \`jcompose image load\` from the save of an earlier build by this harness ($(date -u -r "$tar" '+%Y-%m-%d %H:%M UTC'), same Dockerfiles and base), in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
else
  find "$W" -maxdepth 1 -name 'images-*.tar' -delete
  say "building ${images[*]} with jcompose (apt-get from Debian's archive; a minute or two)"
  t0=$(date +%s%N)
  "$JC" -f "$sample/compose.yaml" build >"$W/build.log" 2>&1 || { tail -20 "$W/build.log"; say "the build failed"; exit 1; }
  s=$(( ($(date +%s%N) - t0) / 1000000 ))
  "$JC" image save -o "$tar.part" "${images[@]}"
  mv "$tar.part" "$tar"
  how="built in this run by \`jcompose -f samples/wordpress/compose.yaml build\` in $((s / 1000)).$(( s % 1000 / 100 )) s, then saved with \`jcompose image save\`"
fi
say "${images[*]}: $how"

jc_id() { "$JC" image inspect "$1" | python3 -c 'import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d,list) else d; print(d.get("Id") or d.get("id"))'; }
jid=() did=()
for i in "${images[@]}"; do jid+=("$(jc_id "$i")"); done

# 3. the same tar into dockerd
if [ -n "$docker" ]; then
  for i in "${images[@]}"; do $DOCKER rmi -f "$i" >/dev/null 2>&1 || true; done
  $DOCKER load -q -i "$tar" >"$W/docker-load.log"
  for k in "${!images[@]}"; do
    did+=("$($DOCKER image inspect -f '{{.Id}}' "${images[$k]}")")
    if [ "${did[$k]}" != "${jid[$k]}" ]; then
      say "${images[$k]}: jcompose id ${jid[$k]} but docker id ${did[$k]}"; exit 1
    fi
  done
  say "docker load: the same ids in both engines"
fi

python3 - "$W/images.json" "$how" "$tar" "$base" "${images[@]}" <<EOF
import json, os, sys
out, how, tar, base, *imgs = sys.argv[1:]
jid = dict(zip(imgs, """${jid[*]}""".split()))
did = dict(zip(imgs, """${did[*]}""".split()))
json.dump({"how": how, "tar": tar, "tar_mib": round(os.path.getsize(tar) / 2**20), "base": base,
           "images": [{"name": i, "jcompose_id": jid.get(i), "docker_id": did.get(i)} for i in imgs]},
          open(out, "w"), indent=1)
EOF
