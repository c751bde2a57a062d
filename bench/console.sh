#!/usr/bin/env bash
# Builds the satellite and times the admin console's lists and dashboard over a million product instances.
# Usage: bench/console.sh [--instances N] [--accounts A] [--calls C] [--data-dir DIR] [--jar PATH] [--help]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests
./mvnw -q -B exec:java@bench-console -Dexec.args="$*"
