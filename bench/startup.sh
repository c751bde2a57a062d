#!/usr/bin/env bash
# Start-up figures, side by side in one run (bench/README.md, "Start-up and size"):
#   time to first answer (GET /q/health/ready = 200 on the admin door) and RSS at idle, for
#     jvm17       default JDK 17, target/quarkus-app (fast-jar), no options
#     jvm25       Temurin 25 (full JDK), target/quarkus-app, no options
#     jvm25-aot   Temurin 25 (full JDK), target/appliance-app + an AOT cache from a start-only training run
#     runtime     appliance runtime without its cache (jlink'd Temurin 25 + jvm.options)
#     appliance   the appliance runtime as shipped: jlink'd Temurin 25 + jvm.options + the hot-path-trained cache
#   sizes of the jar, the runtime, the AOT cache, the container image and the OVA; and the OVA's boot-to-ready
#   time under qemu (appliance/ova/boot-test.sh) unless --no-ova.
# Every variant starts on its own copy of one prepared data directory (an existing database and keys, as at
# every start but the first), on loopback; runs are interleaved, ROUNDS times (default 3), medians printed.
# CPU time to ready (user+sys of the process) is printed too: it does not depend on what else the machine does.
# Needs: ./mvnw package -DskipTests and ./mvnw -Pappliance package -DskipTests done before.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}; ova=1
for a in "$@"; do case "$a" in --no-ova) ova=0 ;; --rounds=*) rounds=${a#*=} ;; *) echo "usage: bench/startup.sh [--rounds=N] [--no-ova]"; exit 2 ;; esac; done
java17=${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java
java25home=${JAVA25_HOME:-$(ls -d /usr/lib/jvm/temurin-25* | head -1)}
java25=$java25home/bin/java
tree=target/appliance/license-satellite
for f in target/quarkus-app/quarkus-run.jar target/appliance-app/quarkus-run.jar "$tree/app/app.aot"; do
    [ -e "$f" ] || { echo "missing $f: build first (README, Appliance)" >&2; exit 1; }
done
work=$(mktemp -d /tmp/ls-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
hz=$(getconf CLK_TCK)

# start VARIANT DATA LOG: launches one variant in the background, sets $pid and $admin
start() {
    local ap dp; ap=$(free_port); dp=$(free_port); admin="https://127.0.0.1:$ap"
    local props=(-Dsatellite.data-dir="$2" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.ssl-port="$ap"
                 -Dsatellite.device-door.host=127.0.0.1 -Dsatellite.device-door.port="$dp")
    local cmd
    case "$1" in
        jvm17) cmd=("$java17" "${props[@]}" -jar target/quarkus-app/quarkus-run.jar) ;;
        jvm25) cmd=("$java25" "${props[@]}" -jar target/quarkus-app/quarkus-run.jar) ;;
        jvm25-aot) cmd=("$java25" -XX:AOTCache="$work/jdk25-startonly.aot" "${props[@]}" -jar target/appliance-app/quarkus-run.jar) ;;
        runtime) cmd=("$tree/runtime/bin/java" "@$tree/jvm.options" "${props[@]}" -jar "$tree/app/quarkus-run.jar") ;;
        appliance) cmd=(env SATELLITE_JAVA_OPTS="${props[*]}" "$tree/bin/license-satellite") ;;   # the launcher execs java
    esac
    # A simple command in the background: $! is the JVM itself (no subshell between), so kill reaches it.
    "${cmd[@]}" >"$3" 2>&1 &
    pid=$!
}
await_ready() { # prints ms to ready, or fails
    local t0=$1
    for _ in $(seq 1 3000); do
        [ "$(curl -sk -o /dev/null -w '%{http_code}' "$admin/q/health/ready")" = 200 ] && { echo $(( ($(date +%s%N) - t0) / 1000000 )); return 0; }
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.02
    done
    return 1
}
cpu_ms() { awk -v hz="$hz" '{print int(($14+$15)*1000/hz)}' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
stop() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; }

echo "== preparing: data directory (first start on JDK 17), start-only AOT cache for Temurin 25"
start jvm17 "$work/data0" "$work/prepare.log"; await_ready "$(date +%s%N)" >/dev/null; stop
# The start-only cache: record a run that starts and is stopped at ready (what Quarkus' own package-time AOT does).
"$java25" -XX:AOTCacheOutput="$work/jdk25-startonly.aot" -Dsatellite.data-dir="$work/data-aot" \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.ssl-port="$(free_port)" \
    -Dsatellite.device-door.host=127.0.0.1 -Dsatellite.device-door.port="$(free_port)" \
    -jar target/appliance-app/quarkus-run.jar >"$work/aot-startonly.log" 2>&1 &
pid=$!
for _ in $(seq 1 3000); do grep -q "started in" "$work/aot-startonly.log" 2>/dev/null && break; sleep 0.1; done; stop   # stop waits: the JVM writes the cache at exit
[ -s "$work/jdk25-startonly.aot" ] || { echo "no start-only AOT cache; see $work/aot-startonly.log" >&2; exit 1; }

variants=(jvm17 jvm25 jvm25-aot runtime appliance)
declare -A ms cpu rss
for r in $(seq 1 "$rounds"); do
    for v in "${variants[@]}"; do
        rm -rf "$work/data"; cp -a "$work/data0" "$work/data"
        t0=$(date +%s%N); start "$v" "$work/data" "$work/$v.log"
        if t=$(await_ready "$t0"); then
            c=$(cpu_ms "$pid"); sleep 10; m=$(rss_mb "$pid")
            ms[$v]+="$t "; cpu[$v]+="$c "; rss[$v]+="$m "
            printf '  round %d %-10s ready %6d ms  cpu %6d ms  rss idle %4d MB\n' "$r" "$v" "$t" "$c" "$m"
        else
            echo "  round $r $v did not start; log: $work/$v.log"; tail -5 "$work/$v.log"
        fi
        stop
    done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : "n/a")}'; }
echo
echo "== start-up, median of $rounds (machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-10s %10s %8s %10s %8s\n' variant ready_ms vs_jvm17 cpu_ms rss_MB
base=$(echo "${ms[jvm17]:-}" | median)
for v in "${variants[@]}"; do
    t=$(echo "${ms[$v]:-}" | median)
    pct=$([ "$base" != n/a ] && [ "$t" != n/a ] && echo "$((t * 100 / base))%" || echo n/a)
    printf '%-10s %10s %8s %10s %8s\n' "$v" "$t" "$pct" "$(echo "${cpu[$v]:-}" | median)" "$(echo "${rss[$v]:-}" | median)"
done
a=$(echo "${ms[appliance]:-}" | median); r=$(echo "${rss[appliance]:-}" | median)
echo "aim: appliance < 40% of jvm17 time: $([ "$a" != n/a ] && [ $((a * 100)) -lt $((base * 40)) ] && echo met || echo NOT met);" \
     "idle RSS < 200 MB: $([ "$r" != n/a ] && [ "$r" -lt 200 ] && echo met || echo NOT met)"

echo
echo "== sizes"
size() { [ -e "$2" ] && printf '%-34s %s\n' "$1" "$(du -sh --apparent-size "$2" | cut -f1)" || printf '%-34s %s\n' "$1" "not built"; }
size "application jar (app/)" target/quarkus-app/app
size "application with libraries" target/quarkus-app
size "full Temurin 25 JDK" "$java25home"
size "appliance runtime (jlink)" "$tree/runtime"
size "AOT cache (hot-path trained)" "$tree/app/app.aot"
size "appliance tree (.tar.gz)" "$(ls target/appliance/license-satellite-*.tar.gz 2>/dev/null | head -1)"
size "container image (OCI archive)" "$(ls target/container/*.oci.tar 2>/dev/null | head -1)"
size "OVA" "$(ls target/ova/*.ova 2>/dev/null | head -1)"

if [ "$ova" = 1 ] && ls target/ova/*.ova >/dev/null 2>&1; then
    echo
    echo "== OVA boot to ready under qemu"
    appliance/ova/boot-test.sh "$(ls target/ova/*.ova | head -1)"
fi
