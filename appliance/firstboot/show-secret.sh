#!/bin/bash
# Shows the first administrator secret once on the VM console (tty1), after the satellite's first start wrote it.
# Interactive: once the operator pressed Enter, the file is deleted, so the secret exists only where they noted
# it (a lost secret is reset from the admin shell: reset-password). Unattended (firstboot.auto): shown, kept.
set -u
secret_file=/var/lib/license-satellite/data/initial-admin-password
marker=/var/lib/license-satellite-firstboot/secret-shown
for _ in $(seq 1 600); do [ -s "$secret_file" ] && break; sleep 1; done
if [ ! -s "$secret_file" ]; then
    echo "The satellite has not written its first admin secret yet; see: journalctl -u license-satellite"
    exit 0
fi
addresses=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -v '^$' | head -3 | tr '\n' ' ')
echo
echo "=== License Satellite is starting ==="
echo "Admin API:   https://${addresses%% *}:8443/api/v1   (user: admin)"
echo "Device door: https://$(hostname):443"
echo "Initial admin secret (shown once, not logged): $(cat "$secret_file")"
touch "$marker"
if [ ! -f /etc/license-satellite/firstboot.auto ]; then
    echo "Note it now, then press Enter: the secret is removed from this appliance."
    read -r -t 3600 _ || true
    shred -u "$secret_file" 2>/dev/null || rm -f "$secret_file"
    clear
fi
