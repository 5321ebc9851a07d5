#!/usr/bin/env bash
# The README's main job: installs what is missing, builds, and runs every scenario under Conformance/scenarios/
# (A -> B -> C topologies of our demo-service and the Python peers, against the in-process fake collector),
# printing the report and writing the same report as one HTML page (trace waterfalls) to .build/conformance-report.html.
# Extra arguments go to `conformance run` (e.g. --filter w3c, --report junit --output r.xml, --html FILE).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
cd "$root"
swift build --product demo-service
swift build --product conformance
exec "$(swift build --show-bin-path)/conformance" run --html "$root/.build/conformance-report.html" "$@"
