#!/usr/bin/env bash
# Builds the satellite and measures sync export (100k product instances) and import (10k licence lines).
# Usage: bench/sync.sh [--instances N] [--lines L] [--jar PATH] [--help]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests
./mvnw -q -B exec:java@bench-sync -Dexec.args="$*"
