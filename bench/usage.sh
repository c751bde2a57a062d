#!/usr/bin/env bash
# Builds the satellite and measures usage ingest over the push door (reports/s, measurements/s, bytes per
# measurement) and the daily usage query of one VA over a year (p50/p99).
# Usage: bench/usage.sh [--devices 10000] [--tags 20] [--concurrency 16] [--year-devices 50] [--queries 200]
#                       [--group-commit 256] [--jar PATH]
# Run once with --group-commit 1 to see the cost of one durable commit per report.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests
./mvnw -q -B exec:java@bench-usage -Dexec.args="$*"
