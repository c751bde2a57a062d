#!/usr/bin/env bash
# Builds the satellite and measures usage ingest over the push door (reports/s, measurements/s, bytes per
# measurement) and the daily usage query of one VA over a year (p50/p99).
# Usage: bench/usage.sh [--devices 10000] [--tags 20] [--concurrency 16] [--warmup 500] [--year-devices 50]
#                       [--queries 200] [--group-commit 256] [--jar PATH]
# Run once with --group-commit 1 to see the cost of one durable commit per report.
# Environment: SKIP_BUILD=1 uses the jar already built; MVN_FLAGS adds Maven flags (e.g. "-o -Dui.skip=true").
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC2086
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -B ${MVN_FLAGS:-} package -DskipTests
else
  ./mvnw -q -B ${MVN_FLAGS:-} test-compile
fi
# shellcheck disable=SC2086
./mvnw -q -B ${MVN_FLAGS:-} exec:java@bench-usage -Dexec.args="$*"
