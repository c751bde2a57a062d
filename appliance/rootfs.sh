#!/usr/bin/env bash
# Makes a Debian bookworm root file system with debootstrap, from Debian's packages only (no image registry):
#   appliance/rootfs.sh container DIR    minbase + curl: the base of the container image
#   appliance/rootfs.sh vm DIR           + kernel, systemd, networkd, timesyncd, sudo, logrotate: the OVA's system
# MIRROR overrides the Debian mirror (default: the first one in /etc/apt/sources.list*).
set -euo pipefail
kind=$1 dir=$2
mirror=${MIRROR:-$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian/?' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null | awk '{print $2}' | head -1 || true)}
mirror=${mirror:-http://deb.debian.org/debian}
case "$kind" in
    container) include=curl,ca-certificates ;;
    vm) include=linux-image-amd64,systemd-sysv,systemd-timesyncd,udev,dbus,iproute2,curl,ca-certificates,sudo,logrotate,less,procps,kmod,ifupdown-,openssh-server,zstd ;;
    *) echo "usage: rootfs.sh container|vm DIR" >&2; exit 2 ;;
esac
include=${include//,ifupdown-/}
rm -rf "$dir"; mkdir -p "$dir"
nice -n 10 debootstrap --variant=minbase --include="$include" bookworm "$dir" "$mirror"
chroot "$dir" apt-get clean
rm -rf "$dir"/var/lib/apt/lists/* "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/usr/share/locale/* "$dir"/var/cache/debconf/*-old
echo "rootfs ($kind): $dir $(du -sh "$dir" | cut -f1)"
