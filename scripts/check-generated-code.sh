#!/usr/bin/env bash
# Regenerates the OTLP code and fails if it differs from what is committed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/generate-otlp.sh"
git -C "$root" diff --exit-code -- Sources/CelloOTLP/Generated
test -z "$(git -C "$root" status --porcelain -- Sources/CelloOTLP/Generated)"
echo "generated code is up to date" >&2
