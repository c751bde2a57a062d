#!/usr/bin/env bash
# Builds the satellite and runs the registration benchmark against the packaged jar.
# Usage: bench/run.sh [--devices N] [--concurrency C] [--framing JSON|AML] [--bare-seconds S] [--jar PATH] [--help]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests
./mvnw -q -B exec:java@bench -Dexec.args="$*"
