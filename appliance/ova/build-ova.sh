#!/usr/bin/env bash
# The offline OVA build (no Packer, no network but Debian's packages): debootstrap a Debian bookworm system,
# install the appliance into it (provision.sh), make a bootable 4 GiB disk (MBR, one ext4 partition, extlinux),
# convert it to a stream-optimised VMDK, write the OVF descriptor and the manifest, and pack the .ova.
#   appliance/ova/build-ova.sh            -> target/ova/license-satellite-<version>.ova
# Needs root (a loop mount for extlinux), debootstrap, qemu-utils, extlinux, syslinux-common, e2fsprogs, fdisk.
# The unattended first boot (for tests): FIRSTBOOT_AUTO=file copies that file to /etc/license-satellite/firstboot.auto.
set -euo pipefail
cd "$(dirname "$0")/../.."
tree=target/appliance/license-satellite
[ -f "$tree/app/quarkus-run.jar" ] || { echo "build the appliance tree first: ./mvnw -Pappliance package -DskipTests" >&2; exit 1; }
version=$(unzip -p "$tree/app/quarkus-run.jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: //p' | tr -d '\r')
name=license-satellite-$version
out=target/ova; base=target/rootfs/vm; stage=$out/rootfs
disk_gib=${DISK_GIB:-4}
nice=${NICE:-nice -n 10}
[ -x "$base/sbin/init" ] || bash appliance/rootfs.sh vm "$base"

rm -rf "$out" && mkdir -p "$out"
cp -a "$base" "$stage"
bash appliance/ova/provision.sh "$stage" "$tree"
[ -n "${FIRSTBOOT_AUTO:-}" ] && install -m 0600 "$FIRSTBOOT_AUTO" "$stage/etc/license-satellite/firstboot.auto"

uuid=$(cat /proc/sys/kernel/random/uuid)
kernel=$(cd "$stage/boot" && ls vmlinuz-* | sort -V | tail -1)
initrd=$(cd "$stage/boot" && ls initrd.img-* | sort -V | tail -1)
echo "UUID=$uuid / ext4 defaults,errors=remount-ro 0 1" > "$stage/etc/fstab"
echo license-satellite > "$stage/etc/hostname"
mkdir -p "$stage/boot/extlinux"
cat > "$stage/boot/extlinux/extlinux.conf" <<CONF
DEFAULT satellite
PROMPT 0
TIMEOUT 20
LABEL satellite
  LINUX /boot/$kernel
  INITRD /boot/$initrd
  APPEND root=UUID=$uuid ro console=tty0 console=ttyS0,115200n8 net.ifnames=1
CONF

# Disk: 1 MiB for the MBR and the boot loader's gap, then one bootable ext4 partition. The file system is made
# from the directory (mke2fs -d): no copy through a mount. extlinux needs the file system mounted once.
raw=$out/disk.raw
truncate -s "${disk_gib}G" "$raw"
printf 'label: dos\nstart=2048, type=83, bootable\n' | sfdisk -q "$raw"
part_bytes=$(( disk_gib * 1024 * 1024 * 1024 - 1048576 ))
$nice mke2fs -q -t ext4 -O ^64bit,^metadata_csum -L satellite-root -U "$uuid" -d "$stage" \
    -E offset=1048576 "$raw" "$((part_bytes / 1024))k"
loop=$(losetup -f --show -o 1048576 --sizelimit "$part_bytes" "$raw")
mnt=$(mktemp -d)
trap 'umount "$mnt" 2>/dev/null || true; losetup -d "$loop" 2>/dev/null || true' EXIT
mount "$loop" "$mnt"
extlinux --install "$mnt/boot/extlinux" >/dev/null
umount "$mnt"; losetup -d "$loop"; trap - EXIT
dd if=/usr/lib/syslinux/mbr/mbr.bin of="$raw" conv=notrunc bs=440 count=1 status=none
rm -rf "$stage"

# Stream-optimised VMDK (what vSphere and VirtualBox import from an OVA), the OVF descriptor, the manifest.
$nice qemu-img convert -f raw -O vmdk -o subformat=streamOptimized,adapter_type=lsilogic "$raw" "$out/$name-disk1.vmdk"
rm -f "$raw"
vmdk_size=$(stat -c %s "$out/$name-disk1.vmdk")
sed -e "s/@NAME@/$name/g" -e "s/@VERSION@/$version/g" -e "s/@VMDK_SIZE@/$vmdk_size/g" \
    -e "s/@DISK_BYTES@/$((disk_gib * 1024 * 1024 * 1024))/g" appliance/ova/license-satellite.ovf.in > "$out/$name.ovf"
(cd "$out" && for f in "$name.ovf" "$name-disk1.vmdk"; do echo "SHA256($f)= $(sha256sum "$f" | cut -d' ' -f1)"; done > "$name.mf")
# The OVF descriptor must come first in the archive, then the manifest, then the disk.
tar -C "$out" --format=ustar --owner=0 --group=0 -cf "$out/$name.ova" "$name.ovf" "$name.mf" "$name-disk1.vmdk"
rm -f "$out/$name-disk1.vmdk"
echo "OVA: $out/$name.ova ($(du -h "$out/$name.ova" | cut -f1))"
