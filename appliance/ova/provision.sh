#!/usr/bin/env bash
# Installs the appliance into a Debian system whose root is ROOT: "/" inside a VM (the Packer build) or a
# debootstrap directory (the offline build, appliance/ova/build-ova.sh). Needs the appliance tree TREE
# (target/appliance/license-satellite, or the unpacked license-satellite-<version>.tar.gz).
#   appliance/ova/provision.sh ROOT TREE
set -euo pipefail
root=${1%/}; tree=$2
here=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$tree/bin/license-satellite" ] || { echo "not an appliance tree: $tree" >&2; exit 1; }

rm -rf "$root/opt/license-satellite" && mkdir -p "$root/opt"
cp -a "$tree" "$root/opt/license-satellite"
chown -R 0:0 "$root/opt/license-satellite"
chmod -R go-w "$root/opt/license-satellite"
cp "$here/../docs/install.md" "$root/opt/license-satellite/share/install.md" 2>/dev/null || true

# Users: the service user (no login), and the console user whose login shell is the restricted admin shell.
# Neither has a password here: the first boot asks for satadmin's (no default password). root is locked.
add_user() { # name uid home shell comment
    grep -q "^$1:" "$root/etc/passwd" || {
        echo "$1:x:$2:$2:$5:$3:$4" >> "$root/etc/passwd"
        echo "$1:x:$2:" >> "$root/etc/group"
        echo "$1:!:19000:0:99999:7:::" >> "$root/etc/shadow"
    }
}
add_user satellite 990 /var/lib/license-satellite /usr/sbin/nologin "License Satellite service"
add_user satadmin 1000 /home/satadmin /opt/license-satellite/bin/satellite-shell "License Satellite admin console"
mkdir -p "$root/home/satadmin" && chown 1000:1000 "$root/home/satadmin" && chmod 0700 "$root/home/satadmin"
grep -q '^/opt/license-satellite/bin/satellite-shell$' "$root/etc/shells" || echo /opt/license-satellite/bin/satellite-shell >> "$root/etc/shells"
sed -i 's/^root:[^:]*:/root:!:/' "$root/etc/shadow"

install -D -m 0440 "$here/sudoers-satellite-shell" "$root/etc/sudoers.d/satellite-shell"
install -D -m 0644 "$here/logrotate/license-satellite" "$root/etc/logrotate.d/license-satellite"
install -D -m 0644 "$here/systemd/journald-satellite.conf" "$root/etc/systemd/journald.conf.d/satellite.conf"
for unit in license-satellite.service license-satellite-firstboot.service license-satellite-secret.service; do
    install -D -m 0644 "$here/systemd/$unit" "$root/etc/systemd/system/$unit"
done
mkdir -p "$root/etc/license-satellite"
[ -f "$root/etc/license-satellite/application.properties" ] || cat > "$root/etc/license-satellite/application.properties" <<'PROPS'
# License Satellite settings (docs/config-reference.md). The data directory and the device door port (443) are
# set by the systemd unit; put other keys here, e.g.
# satellite.name=license-satellite
# satellite.device-door.plain-http-port=80
PROPS
chmod 0644 "$root/etc/license-satellite/application.properties"
# The network until the first boot writes its own: DHCP on the first Ethernet interface.
mkdir -p "$root/etc/systemd/network"
[ -f "$root/etc/systemd/network/10-satellite.network" ] || printf '[Match]\nName=en* eth*\n[Network]\nDHCP=yes\n' > "$root/etc/systemd/network/10-satellite.network"

systemctl --root="${root:-/}" enable systemd-networkd.service systemd-timesyncd.service \
    license-satellite.service license-satellite-firstboot.service license-satellite-secret.service >/dev/null 2>&1
systemctl --root="${root:-/}" enable ssh.service >/dev/null 2>&1 || true
# The first boot's questions are on tty1; a serial console gets a login prompt too.
systemctl --root="${root:-/}" enable serial-getty@ttyS0.service >/dev/null 2>&1 || true
echo "provisioned $root"
