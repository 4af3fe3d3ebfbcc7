#!/usr/bin/env bash
# Brings up the legacy-features stack from nothing: installs what is missing, builds jcompose, makes
# the samples' base image jc-sample/debian:bookworm if the engine does not have it
# (../images/debian-base.sh: mmdebstrap, about a minute the first time), builds the two images from
# their Dockerfiles when they are missing (40–60 s the first time; apt fetches from Debian's
# archive), then `jcompose up -d` and waits for the app's first answer.
# Environment: LEGACY_PORT (default 8090), LEGACY_SIDECAR_PORT (default 8091), JCOMPOSE_ROOT.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
top="$(cd "$here/../.." && pwd)"
port="${LEGACY_PORT:-8090}"
sidecar_port="${LEGACY_SIDECAR_PORT:-8091}"
# shellcheck source=../lib/bring-up.sh
. "$top/samples/lib/bring-up.sh"

ensure_images jc-sample/legacy-db:latest jc-sample/legacy-app:latest
up_and_wait "$port" -a
echo "$answer"
echo "The app answers on http://127.0.0.1:$port/ ($(secs $ms) after up -d started)"
echo
curl -s "http://127.0.0.1:$sidecar_port/metrics" || true
cat <<TRY

Try:
  curl http://127.0.0.1:$sidecar_port/metrics                        (the sidecar, in app's network namespace)
  ./jcompose -f samples/legacy-stack/compose.yaml logs migrate         (what the one-off migration did)
  ./jcompose -f samples/legacy-stack/compose.yaml run --rm backup      (pg_dump into samples/legacy-stack/backups/)
  ./jcompose -f samples/legacy-stack/compose.yaml exec db psql -c 'table items'
  ./jcompose -f samples/legacy-stack/compose.yaml down                 (the data stays in the pgdata volume)
  ./jcompose -f samples/legacy-stack/compose.yaml down -v              (removes the volume too)
TRY
