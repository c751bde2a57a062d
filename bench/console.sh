#!/usr/bin/env bash
# Builds the satellite and times the admin console's lists and dashboard over a million product instances.
# Usage: bench/console.sh [--instances N] [--accounts A] [--calls C] [--data-dir DIR] [--jar PATH] [--help]
# MVN_ARGS adds Maven options to both steps, e.g. MVN_ARGS="-o -Dui.skip=true" (offline, no npm console build).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B ${MVN_ARGS:-} package -DskipTests
./mvnw -q -B ${MVN_ARGS:-} exec:java@bench-console -Dexec.args="$*"
