#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every test, scenarios included.
#
# Three phases on one build, so that nothing else loads the 2 cores of a CI machine while deadlines are measured:
#   1. the unit and integration tests of every module, in parallel;
#   2. the exporters' deadline suites (they assert export timeouts within stated windows), on their own;
#   3. the scenario suites (ConformanceKitTests), which start many processes.
# Arguments (e.g. --filter NAME) run one `swift test` with them instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
cd "$root"
swift build --build-tests
if [ $# -gt 0 ]; then
    exec swift test --skip-build "$@"
fi
deadlines='CelloTelemetryTests\.(ExportRetryLoopTests|OTLPGRPCSpanExporterTests|OTLPHTTPSpanExporterTests|OTLPExportPipelineTests)'
swift test --skip-build --skip ConformanceKitTests --skip "$deadlines"
swift test --skip-build --filter "$deadlines"
swift test --skip-build --filter ConformanceKitTests
