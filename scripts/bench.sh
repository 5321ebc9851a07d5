#!/usr/bin/env bash
# Runs the SDK benchmarks (package-benchmark, release build) in the separate Benchmarks/ package, with its own
# scratch folder so that the root package's .build is untouched. Extra arguments go to `swift package benchmark`,
# e.g. `scripts/bench.sh --filter "OTLP.*"` or `scripts/bench.sh --format markdown`.
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
exec swift package --scratch-path .build --disable-sandbox benchmark --target SDKBenchmarks "$@"
