#!/usr/bin/env bash
# Assembles the appliance tree from target/appliance-app (the aot-jar packaging made by `./mvnw -Pappliance`):
#   target/appliance/license-satellite/
#     runtime/          jlink'd Temurin 25 with the modules below only
#     app/              the application (quarkus-run.jar + lib/), app/app.aot the trained AOT cache
#     jvm.options       the JVM options, shared by the launcher and the training run
#     bin/              license-satellite (launcher), satellite-shell (restricted admin shell)
#     share/            systemd unit, logrotate, first-boot set-up (installed by the OVA and container builds)
#   target/appliance/license-satellite-<version>.tar.gz
# Needs a JDK 25 (JAVA25_HOME, default: Temurin 25 under /usr/lib/jvm). Usually run through ./mvnw -Pappliance.
set -euo pipefail
cd "$(dirname "$0")/.."
java25=${JAVA25_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -1)}
[ -x "$java25/bin/jlink" ] || { echo "no JDK 25 found: set JAVA25_HOME" >&2; exit 1; }
[ -f target/appliance-app/quarkus-run.jar ] || { echo "target/appliance-app missing: run ./mvnw -Pappliance package" >&2; exit 1; }
nice=${NICE:-nice -n 10}

# jdeps finds these from the jars (java.desktop: java.beans for Hibernate and Jackson); jdeps misses java.rmi
# (Narayana, the transaction manager), jdk.crypto.ec/jdk.zipfs/jdk.naming.dns are looked up by name at run time,
# jdk.jfr and jdk.jcmd are for diagnostics (thread dumps, flight recordings) on the appliance.
modules=java.base,java.logging,java.sql,java.naming,java.xml,java.desktop,java.transaction.xa,java.management,\
java.compiler,java.scripting,java.security.jgss,java.net.http,java.instrument,java.rmi,\
jdk.unsupported,jdk.net,jdk.management,jdk.crypto.ec,jdk.zipfs,jdk.naming.dns,jdk.jfr,jdk.jcmd

out=target/appliance
tree=$out/license-satellite
rm -rf "$out" && mkdir -p "$tree/bin" "$tree/share"
echo "jlink: $($java25/bin/java -version 2>&1 | sed -n 2p)"
$nice "$java25/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --output "$tree/runtime"
cp -a target/appliance-app "$tree/app"
cp appliance/jvm.options "$tree/jvm.options"
install -m 0755 appliance/license-satellite appliance/satellite-shell "$tree/bin/"
cp -a appliance/systemd appliance/logrotate appliance/firstboot "$tree/share/"

if [ "${SKIP_AOT_TRAINING:-}" != 1 ]; then
    $nice appliance/train-aot.sh "$tree"
fi

version=$(sed -n 's/^Implementation-Version: //p' <(unzip -p "$tree/app/quarkus-run.jar" META-INF/MANIFEST.MF) | tr -d '\r')
tar -C "$out" -czf "$out/license-satellite-$version.tar.gz" --owner=0 --group=0 license-satellite
echo "runtime $(du -sh "$tree/runtime" | cut -f1), app $(du -sh --exclude=app.aot "$tree/app" | cut -f1), AOT cache $(du -h "$tree/app/app.aot" 2>/dev/null | cut -f1)"
echo "appliance tree: $tree; archive: $out/license-satellite-$version.tar.gz ($(du -h "$out/license-satellite-$version.tar.gz" | cut -f1))"
