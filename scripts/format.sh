#!/usr/bin/env bash
# Formats the project's Swift files (generated code excluded) with swift-format from the toolchain.
#   scripts/format.sh       format in place
#   scripts/format.sh -l    lint only: non-zero exit when a file is not formatted
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.swift' | grep -v '/Generated/')
if [ "${1:-}" = "-l" ]; then
    swift format lint --strict --configuration .swift-format "${files[@]}"
else
    swift format format --in-place --configuration .swift-format "${files[@]}"
fi
