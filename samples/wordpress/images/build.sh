#!/usr/bin/env bash
# Makes the two images of the WordPress sample from Debian's package archive, with no registry:
#   jc-sample/mariadb    mariadb-server, an empty data directory, bind-address 0.0.0.0,
#                        /usr/local/bin/jc-entrypoint (initialise an empty data dir, exec mariadbd)
#   jc-sample/wordpress  apache2 + mod_php + Debian's wordpress, WordPress at the site root,
#                        /usr/local/bin/jc-entrypoint (write the config, wait for the db, exec apache2)
# Each is one mmdebstrap run (bookworm, the machine's apt sources) whose rootfs tarball is cached
# under $JC_SAMPLE_CACHE (default samples/wordpress/.cache), keyed by a hash of this directory,
# so a second run only imports. Then `jcompose image import` (global jcompose options such as
# --root can be given in $JCOMPOSE_ARGS, or use JCOMPOSE_ROOT).
# `image import` records no Cmd/Entrypoint: compose.yaml names the entrypoint.
# JC_SAMPLE_NO_IMPORT=1 only makes the tarballs and prints their paths (the end-to-end test imports them).
# Usage: build.sh [--rebuild] [mariadb|wordpress ...]
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
top="$(cd "$here/../../.." && pwd)"
cache="${JC_SAMPLE_CACHE:-$here/../.cache}"
suite="${JC_SAMPLE_SUITE:-bookworm}"
read -r -a jc_args <<< "${JCOMPOSE_ARGS:-}"
rebuild=0
[ "${1:-}" = --rebuild ] && { rebuild=1; shift; }
images=("$@")
[ ${#images[@]} -gt 0 ] || images=(mariadb wordpress)

if ! command -v mmdebstrap >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "build.sh: mmdebstrap is missing; as root: apt-get install --no-install-recommends mmdebstrap" >&2; exit 1; }
  echo "build.sh: installing mmdebstrap" >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends mmdebstrap >&2
fi
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
key_of() { echo "$suite-$(cd "$here" && cat build.sh "$1"/* | sha256sum | cut -c1-12)"; }

# Leave documentation, man pages and translations out of the images.
common=(--variant=minbase --mode=root --format=tar
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright'
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*'
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias')

mmdebstrap_mariadb() {
  mmdebstrap "${common[@]}" --include=mariadb-server,ca-certificates \
    --customize-hook="install -m 0755 '$here/mariadb/jc-entrypoint' \"\$1/usr/local/bin/jc-entrypoint\"" \
    --customize-hook="install -m 0644 '$here/mariadb/99-jc-sample.cnf' \"\$1/etc/mysql/mariadb.conf.d/99-jc-sample.cnf\"" \
    --customize-hook='find "$1/var/lib/mysql" -mindepth 1 -delete' \
    --customize-hook='rm -rf "$1/var/log/mysql"/* "$1/run/mysqld"' \
    "$suite" "$1"
}

mmdebstrap_wordpress() {
  mmdebstrap "${common[@]}" \
    --include=apache2,libapache2-mod-php,php-mysql,php-xml,wordpress,wordpress-theme-twentytwentythree,ca-certificates \
    --customize-hook="install -m 0755 '$here/wordpress/jc-entrypoint' \"\$1/usr/local/bin/jc-entrypoint\"" \
    --customize-hook="install -m 0644 '$here/wordpress/000-default.conf' \"\$1/etc/apache2/sites-available/000-default.conf\"" \
    --customize-hook='ln -sfT /dev/stderr "$1/var/log/apache2/error.log"' \
    --customize-hook='ln -sfT /dev/stdout "$1/var/log/apache2/access.log"' \
    --customize-hook='ln -sfT /dev/stdout "$1/var/log/apache2/other_vhosts_access.log"' \
    --customize-hook='echo "ServerName localhost" > "$1/etc/apache2/conf-available/servername.conf"' \
    --customize-hook='chroot "$1" a2enconf -q servername' \
    --customize-hook='chroot "$1" a2enmod -q rewrite' \
    --customize-hook='chown -R www-data:www-data "$1/var/lib/wordpress/wp-content"' \
    "$suite" "$1"
}

pids=()
for image in "${images[@]}"; do
  key="$(key_of "$image")"
  tar="$cache/$image-$key.tar"
  if [ $rebuild = 1 ] || [ ! -s "$tar" ]; then
    (
      start=$SECONDS
      echo "build.sh: $image: mmdebstrap $suite (about a minute; log: $tar.log)" >&2
      tmp="$cache/$image-$key.tmp.tar"   # mmdebstrap takes the format from the extension
      if "mmdebstrap_$image" "$tmp" > "$tar.log" 2>&1; then
        mv -f "$tmp" "$tar"
        echo "build.sh: $image: $(du -h "$tar" | cut -f1) in $((SECONDS - start)) s" >&2
      else
        rm -f "$tmp"; tail -20 "$tar.log" >&2
        echo "build.sh: $image: mmdebstrap failed (log: $tar.log)" >&2
        exit 1
      fi
    ) &
    pids+=($!)
  fi
done
for pid in "${pids[@]}"; do wait "$pid"; done

for image in "${images[@]}"; do
  key="$(key_of "$image")"
  tar="$cache/$image-$key.tar"
  find "$cache" -maxdepth 1 -type f -name "$image-*.tar*" ! -name "$image-$key.tar*" -delete  # older builds
  if [ "${JC_SAMPLE_NO_IMPORT:-0}" = 1 ]; then
    echo "$image $tar"
    continue
  fi
  echo "build.sh: importing jc-sample/$image:latest" >&2
  "$top/jcompose" "${jc_args[@]}" image import "$tar" "jc-sample/$image:latest" >/dev/null
done
