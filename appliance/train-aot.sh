#!/usr/bin/env bash
# AOT training run: starts the assembled appliance tree (runtime + app + jvm.options) with -XX:AOTCacheOutput,
# drives the hot paths from a separate JVM and curl, stops it, and the JVM writes app/app.aot at exit.
#   appliance/train-aot.sh TREE           TREE = target/appliance/license-satellite
# The cache is only valid for exactly this runtime, class path and jvm.options: rerun after any change.
# Hot paths exercised: start; admin API writes and reads; device registration (Smart Transport and Call Home) and
# authorisation with the simulator; health, metrics and OpenAPI; registration with an upstream emulator, sync export and import.
set -euo pipefail
tree=$(cd "$1" && pwd)
driver_java=${DRIVER_JAVA:-java}      # the simulator runs in a separate JVM: the build JDK, not the appliance runtime
devices=${TRAIN_DEVICES:-40}
work=$(mktemp -d /tmp/ls-aot-train.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
admin_port=$(free_port); device_port=$(free_port)
log="$work/satellite.log"
rm -f "$tree/app/app.aot"

cd "$work"
# shellcheck disable=SC2046
"$tree/runtime/bin/java" "@$tree/jvm.options" -XX:AOTCacheOutput="$tree/app/app.aot" \
    -Dsatellite.data-dir="$work/data" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.ssl-port="$admin_port" \
    -Dsatellite.device-door.host=127.0.0.1 -Dsatellite.device-door.port="$device_port" \
    -jar "$tree/app/quarkus-run.jar" >"$log" 2>&1 &
pid=$!
stop() { kill "$pid" 2>/dev/null || true; }
trap 'stop; echo "training failed; satellite log: $log" >&2' ERR

admin="https://127.0.0.1:$admin_port"
for _ in $(seq 1 900); do
    [ "$(curl -sk -o /dev/null -w '%{http_code}' "$admin/q/health/ready")" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { echo "satellite exited during training start" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 0.2
done
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
# First login as an operator does it: log in with the initial secret (cookie jar), change the password, create an
# API client with every scope; the rest of the training uses its bearer token. The login and session paths are
# trained on the way.
secret=$(cat "$work/data/initial-admin-password")
trainpw="aot-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')-training"
session() { # METHOD PATH JSON [CSRF] -> body; fails on 4xx/5xx
    curl -sk --fail-with-body -b "$work/jar" -c "$work/jar" -X "$1" "$admin$2" -H 'Content-Type: application/json' \
        ${4:+-H "X-CSRF-Token: $4"} -d "$3"
}
csrf=$(session POST /api/v1/session "{\"username\":\"admin\",\"password\":\"$secret\"}" | json_field csrfToken)
csrf=$(session POST /api/v1/session/password "{\"currentPassword\":\"$secret\",\"newPassword\":\"$trainpw\"}" "$csrf" | json_field csrfToken)
bearer=$(session POST /api/v1/api-clients '{"name":"aot-training","scopes":["READ","ACCOUNTS_WRITE","TOKENS_WRITE","INSTANCES_WRITE","SYNC_RUN","SETTINGS_WRITE","USERS_WRITE","AUDIT_READ","SELF"]}' "$csrf" | json_field token)
curl -sk -o /dev/null -b "$work/jar" "$admin/api/v1/session"
auth="Authorization: Bearer $bearer"
api() { # METHOD PATH [JSON] -> body on stdout; fails on 4xx/5xx
    curl -sk --fail-with-body -H "$auth" -X "$1" "$admin$2" ${3:+-H 'Content-Type: application/json' -d "$3"}
}

api PUT /api/v1/smart-account '{"name":"AOT training"}' >/dev/null
va=$(api POST /api/v1/virtual-accounts '{"name":"Training"}' | json_field id)
api POST "/api/v1/virtual-accounts/$va/licenses" \
    '{"tag":"C9300 Network Advantage","displayName":"C9300 NW Advantage","quantity":100000,"type":"PERPETUAL"}' >/dev/null
token=$(api POST "/api/v1/virtual-accounts/$va/tokens" '{"description":"aot training","expiresInDays":1,"maxUses":100000}' | json_field token)

sim() { "$driver_java" -cp "$tree/app/quarkus-run.jar" io.licensesatellite.agent.SimulatorMain "$@" >>"$work/simulator.log" 2>&1; }
for transport in smart callhome; do
    sim register --url "https://127.0.0.1:$device_port" --insecure --token "$token" --pid C9300-24T \
        --serial "TRAIN${transport^^}" --devices "$devices" --concurrency 4 --transport "$transport" \
        --state-dir "$work/agents-$transport"
    sim authorize --tag "C9300 Network Advantage=1" --concurrency 4 --state-dir "$work/agents-$transport"
    sim renew-auth --concurrency 4 --state-dir "$work/agents-$transport"
    sim renew-id --concurrency 2 --state-dir "$work/agents-$transport"
done

for _ in 1 2 3; do
    api GET /api/v1/smart-account >/dev/null
    api GET /api/v1/virtual-accounts >/dev/null
    api GET "/api/v1/virtual-accounts/$va" >/dev/null
    api GET "/api/v1/virtual-accounts/$va/licenses" >/dev/null
    api GET "/api/v1/virtual-accounts/$va/tokens" >/dev/null
    first=$(api GET /api/v1/product-instances | python3 -c 'import json,sys; d=json.load(sys.stdin); i=d.get("items",d) if isinstance(d,dict) else d; print(i[0]["id"] if i else "")')
    if [ -n "$first" ]; then api GET "/api/v1/product-instances/$first" >/dev/null; api GET "/api/v1/product-instances/$first/events" >/dev/null; fi
    curl -sk -o /dev/null "$admin/q/health" ; curl -sk -o /dev/null "$admin/q/metrics"; curl -sk -o /dev/null "$admin/q/openapi"
    curl -sk -o /dev/null -H 'Authorization: Bearer lsc_wrong' "$admin/api/v1/virtual-accounts" || true   # the refusal path
    api GET /api/v1/audit >/dev/null
done

# --- Sync: register with an upstream emulator (same jar, separate JVM), then write full and standard requests and
# import the answers, so the export and import paths are trained too.
upstream() { "$driver_java" -cp "$tree/app/quarkus-run.jar" io.licensesatellite.upstream.UpstreamMain --state "$work/upstream" "$@" >>"$work/upstream.log" 2>&1; }
upstream init
python3 - "$work/upstream/accounts.yml" Training <<'PY'
import sys
path, names = sys.argv[1], sys.argv[2:]
lines = ["smart_accounts:", "  - name: \"Training SA\"", "    virtual_accounts:"]
for n in names:
    lines += ["      - name: \"%s\"" % n, "        licenses:"]
    for i in range(50):
        lines.append("          - { tag: \"regid.training.tag_%d\", display_name: \"Training %d\", quantity: 100, type: PERPETUAL }" % (i, i))
open(path, "w").write("\n".join(lines) + "\n")
PY
sync_ok=true
curl -skf -H "$auth" -o "$work/reg.yml" "$admin/api/v1/sync/registration-file" || sync_ok=false
if $sync_ok && upstream register --file "$work/reg.yml" --smart-account "Training SA" --virtual-account Training --out "$work/auth.yml" \
   && curl -skf -H "$auth" -H 'Content-Type: application/yaml' --data-binary @"$work/auth.yml" "$admin/api/v1/sync/authorization-file" >/dev/null; then
    for type in full standard standard; do
        curl -skf -H "$auth" -X POST -o "$work/req.yml" "$admin/api/v1/sync/requests?type=$type" \
            && upstream answer --file "$work/req.yml" --out "$work/resp.yml" \
            && curl -skf -H "$auth" -H 'Content-Type: application/yaml' --data-binary @"$work/resp.yml" "$admin/api/v1/sync/responses" >/dev/null \
            || { sync_ok=false; break; }
    done
else
    sync_ok=false
fi
echo "sync training: $($sync_ok && echo 'registered, 3 requests written and answered' || echo "incomplete (see $work/upstream.log); training goes on")"

trap - ERR
kill -TERM "$pid"
wait "$pid" || true      # the JVM assembles the cache at exit (a forked JVM; takes a while)
if [ ! -s "$tree/app/app.aot" ]; then
    echo "no AOT cache was written; see $log" >&2; exit 1
fi
echo "AOT cache: $tree/app/app.aot ($(du -h "$tree/app/app.aot" | cut -f1)); trained with $((devices * 2)) devices"
rm -rf "$work"
