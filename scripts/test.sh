#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every test, scenarios included.
#
# Two phases on one build: the unit and integration tests of every module first, then the scenario suites
# (ConformanceKitTests), which start many processes and would otherwise load the 2 cores of a CI machine while
# the exporters' timing tests measure their deadlines. Arguments (e.g. --filter NAME) run one `swift test` instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
cd "$root"
swift build --build-tests
if [ $# -gt 0 ]; then
    exec swift test --skip-build "$@"
fi
swift test --skip-build --skip ConformanceKitTests
swift test --skip-build --filter ConformanceKitTests
