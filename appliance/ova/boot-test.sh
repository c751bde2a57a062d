#!/usr/bin/env bash
# Boots the OVA's own disk under qemu and waits until the satellite answers on its admin port inside the VM.
#   appliance/ova/boot-test.sh target/ova/license-satellite-<version>.ova
# Takes the VMDK out of the OVA, converts it to a raw copy, adds an unattended first boot
# (/etc/license-satellite/firstboot.auto: DHCP, no questions) to that copy only, boots it with 2 vCPUs and
# 2 GiB (KVM when /dev/kvm can be used, else software emulation), forwards 127.0.0.1:<free port> to the VM's 8443
# through qemu's user network (nothing leaves the machine), and prints the boot-to-ready time.
set -euo pipefail
ova=$(readlink -f "$1")
timeout_s=${BOOT_TIMEOUT:-1800}
work=$(mktemp -d /tmp/ls-boot.XXXXXX)
qemu_pid=""
cleanup() { [ -n "$qemu_pid" ] && kill "$qemu_pid" 2>/dev/null; umount "$work/mnt" 2>/dev/null || true; rm -f "$work/disk.raw"; }
trap cleanup EXIT
tar -C "$work" -xf "$ova" --wildcards '*.vmdk' '*.mf' '*.ovf'
(cd "$work" && sed -E 's/^SHA256\((.*)\)= (.*)$/\2  \1/' ./*.mf | sha256sum -c --quiet) || { echo "manifest check FAILED" >&2; exit 1; }
nice -n 10 qemu-img convert -O raw "$work"/*.vmdk "$work/disk.raw"
mkdir -p "$work/mnt"
loop=$(losetup -f --show -o 1048576 "$work/disk.raw")
mount "$loop" "$work/mnt"
printf 'HOSTNAME=satellite-boot-test\nNETWORK=dhcp\n' > "$work/mnt/etc/license-satellite/firstboot.auto"
umount "$work/mnt"; losetup -d "$loop"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
accel=tcg; [ -r /dev/kvm ] && [ -w /dev/kvm ] && accel=kvm
[ "${FORCE_TCG:-}" = 1 ] && accel=tcg
boot() {
    local cpu=max; [ "$accel" = kvm ] && cpu=host
    echo "booting under qemu ($accel), admin door forwarded to 127.0.0.1:$port; serial console: $work/serial.log"
    t0=$(date +%s%N)
    nice -n 10 qemu-system-x86_64 -machine q35,accel=$accel -cpu $cpu -smp 2 -m 2048 \
        -drive file="$work/disk.raw",format=raw,if=virtio \
        -netdev user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:$port-:8443 -device e1000,netdev=n0 \
        -display none -serial file:"$work/serial.log" -monitor none 2>"$work/qemu.err" &
    qemu_pid=$!
}
boot
sleep 5
if [ "$accel" = kvm ] && ! kill -0 "$qemu_pid" 2>/dev/null; then
    echo "KVM refused ($(head -1 "$work/qemu.err")); falling back to software emulation"
    accel=tcg; boot
fi
code=000
for _ in $(seq 1 $((timeout_s / 2))); do
    code=$(curl -sk --max-time 3 -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/q/health/ready" || true)
    [ "$code" = 200 ] && break
    kill -0 "$qemu_pid" 2>/dev/null || { echo "qemu exited" >&2; break; }
    sleep 2
done
t=$(( ($(date +%s%N) - t0) / 1000000 ))
if [ "$code" = 200 ]; then
    unauth=$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/api/v1/virtual-accounts")
    echo "OVA boot to ready ($accel, 2 vCPU): $((t / 1000)).$(( (t % 1000) / 100 )) s; /q/health/ready 200, /api/v1 without credentials $unauth"
    grep -a -E "Started license-satellite|Reached target|License Satellite" "$work/serial.log" | tail -3 || true
else
    echo "OVA did not answer within ${timeout_s}s (last HTTP $code); serial console tail:" >&2
    tail -30 "$work/serial.log" >&2
    exit 1
fi
