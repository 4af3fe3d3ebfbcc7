#!/usr/bin/env bash
# Whole-process `config -q` on a generated Compose file: jcompose against docker-compose 1.29
# (Debian's python docker-compose, which needs no daemon for `config`), in one run, same file.
#
#   bench/config/run.sh [SERVICES] [RUNS]     (defaults: 500 services, 7 runs each)
#
# jcompose runs exactly as the ./jcompose launcher runs it (same java flags and class path), but
# without the launcher's staleness check, so a build can never land inside a timing. Each tool
# runs once untimed (page cache), then the runs alternate between the two tools. Prints each
# run, the medians, and the ratio jcompose/docker-compose (the goal is under 0.5).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
services="${1:-500}"
runs="${2:-7}"
version=0.1.0-SNAPSHOT
cli_jar="$root/cli/target/jcompose-cli-$version.jar"

if ! command -v docker-compose >/dev/null; then
  echo "docker-compose is missing: apt-get install -y --no-install-recommends docker-compose" >&2
  exit 2
fi
# JCOMPOSE_CP: another class path for the CLI (a copy of cli/target, so a build in the work tree
# cannot change the jars in the middle of a run).
if [ -z "${JCOMPOSE_CP:-}" ] && { [ ! -f "$cli_jar" ] || [ ! -d "$root/cli/target/lib" ]; }; then
  (cd "$root" && mvn -q -B -pl cli -am package -DskipTests) >&2
fi
classpath="${JCOMPOSE_CP:-$cli_jar:$root/cli/target/lib/*}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$here/gen-compose.py" "$services" > "$work/compose.yaml"
cd "$work"

jcompose() {
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp "$classpath" \
    dev.jcompose.cli.Main -f compose.yaml config -q
}
dockercompose() {
  docker-compose -f compose.yaml config -q
}

# Milliseconds of wall-clock time for one whole process; fails the script if the command fails.
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() {
  sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

echo "file: $services services, $(wc -l < compose.yaml) lines, $(wc -c < compose.yaml) bytes"
echo "docker-compose: $(docker-compose version --short 2>/dev/null || docker-compose version | head -1)"
echo "java: $(java -version 2>&1 | head -1)"
jcompose >/dev/null
dockercompose >/dev/null
j_times=()
d_times=()
for i in $(seq 1 "$runs"); do
  j=$(time_ms jcompose)
  d=$(time_ms dockercompose)
  j_times+=("$j")
  d_times+=("$d")
  echo "run $i: jcompose ${j} ms, docker-compose ${d} ms"
done
j_median=$(printf '%s\n' "${j_times[@]}" | median)
d_median=$(printf '%s\n' "${d_times[@]}" | median)
echo "median: jcompose ${j_median} ms, docker-compose ${d_median} ms"
awk -v j="$j_median" -v d="$d_median" 'BEGIN { printf "ratio jcompose/docker-compose: %.2f (goal: under 0.50)\n", j / d }'
