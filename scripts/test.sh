#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every test, scenarios included.
#
# Tests run one at a time (--no-parallel): the suites measure deadlines and start many processes, and on a
# 2-core machine the cooperative thread pool has two threads, so parallel suites skew each other's timings.
# Arguments (e.g. --filter NAME) are passed to `swift test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
cd "$root"
swift build --build-tests
swift test --skip-build --no-parallel "$@"
