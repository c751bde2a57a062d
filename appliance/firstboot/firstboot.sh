#!/bin/bash
# First boot of the License Satellite appliance, on the VM console (tty1): host name, network, NTP.
# Runs before the satellite's first start, so its self-signed certificates carry the chosen host name.
# Unattended: put KEY=VALUE lines in /etc/license-satellite/firstboot.auto (HOSTNAME, NETWORK=dhcp|static,
# ADDRESS=192.0.2.10/24, GATEWAY, DNS, NTP), or let every question time out (5 min): DHCP, host name
# "license-satellite", the NTP servers of the DHCP lease / Debian's pool.
set -u
marker_dir=/var/lib/license-satellite-firstboot
auto_file=/etc/license-satellite/firstboot.auto
HOSTNAME_=license-satellite NETWORK=dhcp ADDRESS="" GATEWAY="" DNS="" NTP="" SATADMIN_PASSWORD_HASH=""
auto=0
if [ -f "$auto_file" ]; then
    auto=1
    while IFS='=' read -r key value; do
        case "$key" in
            HOSTNAME) HOSTNAME_=$value ;; NETWORK) NETWORK=$value ;; ADDRESS) ADDRESS=$value ;;
            GATEWAY) GATEWAY=$value ;; DNS) DNS=$value ;; NTP) NTP=$value ;;
            SATADMIN_PASSWORD_HASH) SATADMIN_PASSWORD_HASH=$value ;;
        esac
    done < <(grep -E '^[A-Z]+=' "$auto_file")
fi

ask() { # VAR "question" default validator-regex
    local answer
    while :; do
        printf '%s [%s]: ' "$2" "$3"
        if ! read -r -t 300 answer; then answer=""; echo; fi
        answer=${answer:-$3}
        if [[ "$answer" =~ $4 ]]; then printf -v "$1" '%s' "$answer"; return; fi
        echo "  not valid: $answer"
    done
}
re_host='^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$'
re_ipv4='^([0-9]{1,3}\.){3}[0-9]{1,3}$'
re_cidr='^([0-9]{1,3}\.){3}[0-9]{1,3}/[0-9]{1,2}$'
re_list='^[a-zA-Z0-9.: -]*$'

if [ "$auto" = 0 ]; then
    clear
    echo "=== License Satellite: first boot set-up ==="
    echo "Each question times out after 5 minutes and takes the value in brackets."
    ask HOSTNAME_ "Host name (what devices will use to reach this satellite)" "$HOSTNAME_" "$re_host"
    ask NETWORK "Network: dhcp or static" "$NETWORK" '^(dhcp|static)$'
    if [ "$NETWORK" = static ]; then
        ask ADDRESS "Address with prefix length (e.g. 192.0.2.10/24)" "${ADDRESS:-}" "$re_cidr"
        ask GATEWAY "Default gateway" "${GATEWAY:-}" "$re_ipv4"
        ask DNS "DNS servers (space separated, may be empty)" "${DNS:-}" "$re_list"
    fi
    ask NTP "NTP servers (space separated; empty = from DHCP or Debian's pool)" "${NTP:-}" "$re_list"
fi
[[ "$HOSTNAME_" =~ $re_host ]] || HOSTNAME_=license-satellite

echo "$HOSTNAME_" > /etc/hostname
hostname "$HOSTNAME_"
sed -i "/^127\.0\.1\.1[[:space:]]/d" /etc/hosts && echo "127.0.1.1 $HOSTNAME_" >> /etc/hosts

{
    echo "# written by the License Satellite first-boot set-up"
    echo "[Match]"; echo "Name=en* eth*"; echo "[Network]"
    if [ "$NETWORK" = static ] && [[ "$ADDRESS" =~ $re_cidr ]]; then
        echo "Address=$ADDRESS"
        [ -n "$GATEWAY" ] && echo "Gateway=$GATEWAY"
        for d in $DNS; do echo "DNS=$d"; done
    else
        echo "DHCP=yes"
    fi
} > /etc/systemd/network/10-satellite.network
systemctl restart systemd-networkd || true

if [ -n "$NTP" ]; then
    mkdir -p /etc/systemd/timesyncd.conf.d
    printf '[Time]\nNTP=%s\n' "$NTP" > /etc/systemd/timesyncd.conf.d/satellite.conf
fi
systemctl restart systemd-timesyncd 2>/dev/null || true

# The console user's password: asked here, never a default. Unattended: a crypt(3) hash from firstboot.auto, or
# the account stays locked (then only the VM console's recovery path, single-user boot, gets in).
if [ "$auto" = 0 ]; then
    while :; do
        read -r -s -p "Password for the console user 'satadmin' (at least 12 characters): " p1; echo
        read -r -s -p "Again: " p2; echo
        if [ "${#p1}" -ge 12 ] && [ "$p1" = "$p2" ]; then
            printf 'satadmin:%s\n' "$p1" | chpasswd && break
        fi
        echo "  not the same, or shorter than 12 characters"
    done
    unset p1 p2
elif [ -n "$SATADMIN_PASSWORD_HASH" ]; then
    usermod -p "$SATADMIN_PASSWORD_HASH" satadmin
fi

mkdir -p "$marker_dir"
date -u +%FT%TZ > "$marker_dir/done"
echo "Set-up done: host $HOSTNAME_, network $NETWORK${ADDRESS:+ $ADDRESS}, NTP ${NTP:-default}. Starting the satellite..."
