#!/usr/bin/env bash
# Builds the container image without a Docker daemon: buildah, from a base this script makes itself from Debian
# packages (appliance/rootfs.sh container; no image registry needed), carrying the appliance tree
# (target/appliance/license-satellite, from ./mvnw -Pappliance package). Writes
#   target/container/license-satellite-<version>.oci.tar        (OCI archive: podman load / skopeo copy)
# and leaves the image in buildah's local storage as localhost/license-satellite:<version>.
# STORAGE_DRIVER (default vfs: works where overlay mounts are not allowed, e.g. inside another container).
set -euo pipefail
cd "$(dirname "$0")/../.."
tree=target/appliance/license-satellite
[ -f "$tree/app/quarkus-run.jar" ] || { echo "build the appliance tree first: ./mvnw -Pappliance package -DskipTests" >&2; exit 1; }
version=$(unzip -p "$tree/app/quarkus-run.jar" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: //p' | tr -d '\r')
export STORAGE_DRIVER=${STORAGE_DRIVER:-vfs}
base=target/rootfs/container
[ -x "$base/bin/sh" ] || bash appliance/rootfs.sh container "$base"

# The image's file system: the Debian base, the appliance tree, a service user. Made in a copy, so no
# "buildah run" (and no container runtime) is needed.
stage=target/container/rootfs
rm -rf target/container && mkdir -p target/container
cp -a "$base" "$stage"
cp -a "$tree" "$stage/opt/license-satellite"
rm -rf "$stage/opt/license-satellite/share/systemd" "$stage/opt/license-satellite/share/firstboot"
echo 'satellite:x:10001:10001:License Satellite:/var/lib/license-satellite:/usr/sbin/nologin' >> "$stage/etc/passwd"
echo 'satellite:x:10001:' >> "$stage/etc/group"
echo 'satellite:!:19000::::::' >> "$stage/etc/shadow"
mkdir -p "$stage/var/lib/license-satellite/data" "$stage/etc/license-satellite"
chown -R 10001:10001 "$stage/var/lib/license-satellite"
chmod 0700 "$stage/var/lib/license-satellite" "$stage/var/lib/license-satellite/data"
rm -rf "$stage/var/cache/apt" "$stage/var/lib/dpkg/info"/*.md5sums

ctr=$(buildah from --format docker scratch)
trap 'buildah rm "$ctr" >/dev/null 2>&1 || true' EXIT
buildah copy --quiet "$ctr" "$stage" / >/dev/null
buildah config \
    --user 10001:10001 \
    --workingdir /var/lib/license-satellite \
    --env SATELLITE_DATA_DIR=/var/lib/license-satellite/data \
    --env QUARKUS_CONFIG_LOCATIONS=/etc/license-satellite/application.properties \
    --env SATELLITE_DEVICE_DOOR_PORT=8444 \
    --port 8443/tcp --port 8444/tcp \
    --volume /var/lib/license-satellite \
    --healthcheck 'CMD curl -skf --max-time 5 https://127.0.0.1:8443/q/health/ready' \
    --healthcheck-interval 30s --healthcheck-start-period 120s --healthcheck-retries 3 \
    --stop-signal SIGTERM \
    --entrypoint '["/opt/license-satellite/bin/license-satellite"]' --cmd '' \
    --label org.opencontainers.image.title=license-satellite \
    --label org.opencontainers.image.version="$version" \
    --label org.opencontainers.image.description="License Satellite on a jlink'd Temurin 25 with a trained AOT cache" \
    "$ctr"
image=localhost/license-satellite:$version
buildah commit --quiet --format docker "$ctr" "$image" >/dev/null
out=target/container/license-satellite-$version.oci.tar
buildah push --quiet "$image" "oci-archive:$out:license-satellite:$version"
rm -rf "$stage"
echo "image $image; OCI archive $out ($(du -h "$out" | cut -f1))"
