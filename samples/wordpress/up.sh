#!/usr/bin/env bash
# Brings up WordPress on MariaDB from nothing: installs what is missing, builds jcompose, makes the
# base image jc-sample/debian:bookworm from Debian's packages if the engine does not have it
# (images/build.sh: mmdebstrap, about a minute the first time), then `jcompose up -d`, which builds
# the two service images from their Dockerfiles when they are missing (about a minute and a half
# the first time; apt fetches from Debian's archive), and waits for the first HTTP answer.
# Environment: WORDPRESS_PORT (default 8080), JCOMPOSE_ROOT (engine state directory).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
top="$(cd "$here/../.." && pwd)"
port="${WORDPRESS_PORT:-8080}"
jc() { "$top/jcompose" "$@"; }

"$top/scripts/setup"
grep -q '^jc-sample/debian  *bookworm ' <<< "$(jc image ls)" || "$here/images/build.sh"

start_ms=$(( $(date +%s%N) / 1000000 ))
jc -f "$here/compose.yaml" up -d
for _ in $(seq 240); do
  code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" || true)"
  [ "$code" != 000 ] && break
  sleep 0.25
done
ms=$(( $(date +%s%N) / 1000000 - start_ms ))
jc -f "$here/compose.yaml" ps
echo
if [ "$code" = 000 ]; then
  echo "No HTTP answer on 127.0.0.1:$port yet; see: ./jcompose -f samples/wordpress/compose.yaml logs" >&2
  exit 1
fi
printf 'WordPress answers on http://127.0.0.1:%s/ (HTTP %s, %d.%02d s after up -d started)\n' \
  "$port" "$code" $((ms / 1000)) $((ms % 1000 / 10))
cat <<TRY

Try:
  open http://127.0.0.1:$port/wp-admin/install.php       (the installer: site title, user, password)
  ./jcompose -f samples/wordpress/compose.yaml ps
  ./jcompose -f samples/wordpress/compose.yaml logs db
  ./jcompose -f samples/wordpress/compose.yaml down       (the site stays in the db_data volume)
  ./jcompose -f samples/wordpress/compose.yaml down -v     (removes the volume too: a fresh install next time)
TRY
