#!/usr/bin/env bash
# Installs what cello-telemetry needs on a fresh Debian machine, skipping what is already there:
#   - Debian packages: libnghttp2-dev pkg-config (the fake collector's HTTP/2 stack), protobuf-compiler
#     (scripts/generate-otlp.sh), python3-venv, zlib1g-dev, curl, chromium (the HTML report's browser test, run
#     headless);
#   - the Python peers' venv at Conformance/peers/python/.venv, from the pinned requirements.txt, and one venv per
#     group of third-party exporters of the conformance matrix that cannot share the peers' versions
#     (Conformance/third-party/<group>/.venv from Conformance/third-party/<group>/requirements.txt); each venv is
#     remade only when its requirements.txt changes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(libnghttp2-dev pkg-config protobuf-compiler python3-venv zlib1g-dev curl chromium)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# make_venv FOLDER WHAT: FOLDER/.venv from FOLDER/requirements.txt, remade when the requirements change.
make_venv() {
    local venv="$1/.venv" requirements="$1/requirements.txt"
    local stamp="$venv/.requirements.sha256" want
    want=$(sha256sum "$requirements" | cut -d' ' -f1)
    if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        echo "setup: creating $2 ($venv)" >&2
        rm -rf "$venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
        echo "$want" > "$stamp"
    fi
}

make_venv "$root/Conformance/peers/python" "the Python peers' venv"
for group in "$root"/Conformance/third-party/*/; do
    if [ -f "$group/requirements.txt" ]; then
        make_venv "${group%/}" "the matrix venv $(basename "$group")"
    fi
done
echo "setup: ready" >&2
