#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every test, scenarios included.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
cd "$root"
swift build --build-tests
swift test --skip-build "$@"
