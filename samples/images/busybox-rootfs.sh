#!/usr/bin/env bash
# Writes a root filesystem tarball made from Debian's busybox-static to $1 (default busybox-rootfs.tar):
# /bin/busybox with a symlink per applet, /etc/passwd and /etc/group, /tmp, /www.
set -euo pipefail
out="$(readlink -f "${1:-busybox-rootfs.tar}")"
bb=/bin/busybox
[ -x "$bb" ] || { echo "busybox-rootfs: $bb is missing; install Debian's busybox-static" >&2; exit 1; }
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,www,var/www,proc,sys,dev}
chmod 1777 "$dir/tmp"
cp "$bb" "$dir/bin/busybox"
for applet in $("$bb" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$dir/bin/$applet"
done
cat > "$dir/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat > "$dir/etc/group" <<'GROUP'
root:x:0:
daemon:x:1:
www-data:x:33:
nogroup:x:65534:
GROUP
tar --numeric-owner --owner=0 --group=0 -C "$dir" -cf "$out" .
echo "$out"
