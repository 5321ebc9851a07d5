#!/usr/bin/env bash
# Runs the benchmarks (package-benchmark, release build) of the separate Benchmarks/ package, with its own scratch
# folder so that the root package's .build is untouched:
#   SDKBenchmarks        span start+end sampled / unsampled vs. NoOpTracer, OTLP/gRPC export, collector down
#   CollectorBenchmarks  fake-collector OTLP/gRPC ingest (concurrent streams of 512-span batches)
# Both run unless a --target is given. Other arguments go to `swift package benchmark`,
# e.g. `scripts/bench.sh --target CollectorBenchmarks` or `scripts/bench.sh --format markdown`.
set -euo pipefail
cd "$(dirname "$0")/../Benchmarks"
targets=(--target SDKBenchmarks --target CollectorBenchmarks)
for argument in "$@"; do
    [ "$argument" = "--target" ] && targets=()
done
exec swift package --scratch-path .build --disable-sandbox benchmark "${targets[@]}" "$@"
