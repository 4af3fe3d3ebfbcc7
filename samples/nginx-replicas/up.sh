#!/usr/bin/env bash
# Brings up nginx in front of two replicas of a tiny web app from nothing: installs what is missing,
# builds jcompose, makes the samples' base image jc-sample/debian:bookworm if the engine does not
# have it (../images/debian-base.sh: mmdebstrap, about a minute the first time), builds the two
# images from their Dockerfiles when they are missing (about 20 s the first time; apt fetches from
# Debian's archive), then `jcompose up -d`, waits for the first answer, and sends ten requests.
# Environment: LB_PORT (default 8088), JCOMPOSE_ROOT (engine state directory).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
top="$(cd "$here/../.." && pwd)"
port="${LB_PORT:-8088}"
# shellcheck source=../lib/bring-up.sh
. "$top/samples/lib/bring-up.sh"

ensure_images jc-sample/replica-web:latest jc-sample/nginx:latest
up_and_wait "$port"
echo "nginx answers on http://127.0.0.1:$port/ ($(secs $ms) after up -d started); ten requests:"
for _ in $(seq 10); do curl -s "http://127.0.0.1:$port/"; done | sort | uniq -c
cat <<TRY

Try:
  for i in \$(seq 20); do curl -s http://127.0.0.1:$port/; done | sort | uniq -c
  ./jcompose -f samples/nginx-replicas/compose.yaml up -d --scale web=3   (a third replica; nginx finds it within a second)
  ./jcompose -f samples/nginx-replicas/compose.yaml logs -f nginx         (nginx's access log)
  ./jcompose -f samples/nginx-replicas/compose.yaml exec web busybox nslookup web (what the embedded DNS answers)
  ./jcompose -f samples/nginx-replicas/compose.yaml down                  (containers and network go)
TRY
