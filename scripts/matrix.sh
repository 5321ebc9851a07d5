#!/usr/bin/env bash
# The conformance matrix of real, unmodified third-party OpenTelemetry implementations (Conformance/third-party/):
# installs what is missing (scripts/setup.sh: the venvs of the Python groups), builds what the selected rows need
# (conformance and demo-service; the swift-otel peer package in its own build folder), judges every row of
# Conformance/third-party/matrix.json (verify-exporter per exporter, conformance run per hop scenario, each bounded
# in time) and writes docs/conformance-matrix.md with the JSON and HTML reports under docs/matrix/.
#
#   bash scripts/matrix.sh [--only GROUP]...     GROUP: python (the Python rows and rotel), swift-otel
#
# Exit 0 when the matrix matches the manifest (every failed cell a known finding, every known finding seen), 1 when
# it does not, 2 for bad input. Every `swift build` takes /tmp/swiftbuild.lock (others build on this machine too).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
only=()
while [ $# -gt 0 ]; do
    case "$1" in
        --only)
            [ $# -ge 2 ] || { echo "matrix.sh: --only needs a group (python, swift-otel)" >&2; exit 2; }
            only+=("$2"); shift 2 ;;
        --only=*) only+=("${1#--only=}"); shift ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "matrix.sh: unknown argument $1 (use --only python|swift-otel)" >&2; exit 2 ;;
    esac
done
for group in "${only[@]}"; do
    case "$group" in python|swift-otel) ;; *) echo "matrix.sh: unknown group $group (python, swift-otel)" >&2; exit 2 ;; esac
done
wants() {  # wants GROUP: whether the run includes that group
    [ ${#only[@]} -eq 0 ] && return 0
    local group
    for group in "${only[@]}"; do [ "$group" = "$1" ] && return 0; done
    return 1
}

"$root/scripts/setup.sh"
cd "$root"
lock=/tmp/swiftbuild.lock
flock "$lock" swift build --product conformance
flock "$lock" swift build --product demo-service
if wants swift-otel; then
    echo "matrix: building the swift-otel peer (Conformance/peers/swift-otel-peer, its own .build)" >&2
    flock "$lock" swift build --package-path Conformance/peers/swift-otel-peer
fi
bin=$(swift build --show-bin-path)
args=()
for group in "${only[@]}"; do args+=(--only "$group"); done
exec python3 "$root/Conformance/third-party/matrix.py" run --conformance "$bin/conformance" "${args[@]}"
