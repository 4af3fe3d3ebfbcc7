#!/usr/bin/env bash
# Brings up the Redis hit counter from nothing: installs what is missing, builds jcompose, makes the
# samples' base image jc-sample/debian:bookworm if the engine does not have it
# (../images/debian-base.sh: mmdebstrap, about a minute the first time), builds the two images
# from their Dockerfiles when they are missing (about 25 s the first time; apt fetches from
# Debian's archive), then `jcompose up -d` and waits for the first answer.
# Environment: COUNTER_PORT (default 8000), JCOMPOSE_ROOT (engine state directory).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
top="$(cd "$here/../.." && pwd)"
port="${COUNTER_PORT:-8000}"
# shellcheck source=../lib/bring-up.sh
. "$top/samples/lib/bring-up.sh"

ensure_images jc-sample/redis-counter-web:latest jc-sample/redis:latest
up_and_wait "$port"
echo "$answer"
echo "The counter answers on http://127.0.0.1:$port/ ($(secs $ms) after up -d started)"
cat <<TRY

Try:
  curl http://127.0.0.1:$port/                                    (again: the count goes up)
  ./jcompose -f samples/redis-counter/compose.yaml logs -f web      (the app's access log)
  ./jcompose -f samples/redis-counter/compose.yaml exec redis redis-cli get hits
  edit samples/redis-counter/web/app.py (the GREETING), then
  ./jcompose -f samples/redis-counter/compose.yaml up -d --build    (rebuilds and recreates only web; the count goes on)
  ./jcompose -f samples/redis-counter/compose.yaml down             (the count stays in the redis_data volume)
  ./jcompose -f samples/redis-counter/compose.yaml down -v          (removes the volume too: the count starts again)
TRY
