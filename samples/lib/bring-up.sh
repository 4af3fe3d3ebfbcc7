# Sourced by the samples' up.sh scripts: what each of them does the same way. The caller sets
# `here` (its sample directory) and `top` (the repository) before sourcing it.

jc() { "$top/jcompose" "$@"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs() { printf '%d.%02d s' $(($1 / 1000)) $(($1 % 1000 / 10)); }

# ensure_images IMAGE:TAG...: installs what is missing, makes the samples' Debian base image when the
# engine lacks it, and builds the sample's images from its compose.yaml when any of them is missing.
ensure_images() {
  "$top/scripts/setup"
  local images missing=0 ref start_ms
  images="$(jc image ls)"
  grep -q '^jc-sample/debian  *bookworm ' <<< "$images" || "$top/samples/images/debian-base.sh"
  for ref in "$@"; do
    grep -q "^${ref%%:*}  *${ref##*:} " <<< "$images" || missing=1
  done
  if [ "$missing" = 1 ]; then
    start_ms=$(now_ms)
    jc -f "$here/compose.yaml" build
    echo "Built the images in $(secs $(( $(now_ms) - start_ms )))"
  fi
}

# up_and_wait PORT [PS-OPTION...]: `up -d`, then waits up to a minute for a first answer on
# 127.0.0.1:PORT/ and shows `ps`. Sets `answer` and `ms` (the milliseconds until it came); without an
# answer it says where to look and exits 1.
up_and_wait() {
  local port="$1" start_ms
  shift
  start_ms=$(now_ms)
  jc -f "$here/compose.yaml" up -d
  answer=""
  for _ in $(seq 600); do
    answer="$(curl -sf "http://127.0.0.1:$port/" || true)"
    [ -n "$answer" ] && break
    sleep 0.1
  done
  ms=$(( $(now_ms) - start_ms ))
  jc -f "$here/compose.yaml" ps "$@"
  echo
  if [ -z "$answer" ]; then
    echo "No answer on 127.0.0.1:$port yet; see: ./jcompose -f samples/$(basename "$here")/compose.yaml logs" >&2
    exit 1
  fi
}
