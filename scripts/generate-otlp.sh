#!/usr/bin/env bash
# Regenerates Sources/CelloOTLP/Generated/ from the OTLP protos, bit-for-bit.
#
# Inputs, all without network access beyond the package registries:
#   - the .proto descriptors carried by the `opentelemetry-proto` package on PyPI (pinned below), dumped as a
#     FileDescriptorSet by scripts/dump-otlp-descriptors.py and fed to protoc with --descriptor_set_in;
#   - protoc from Debian's protobuf-compiler;
#   - protoc-gen-swift and protoc-gen-grpc-swift-2, built from this package's resolved dependencies.
# scripts/check-generated-code.sh runs this and fails on any diff.
set -euo pipefail

OPENTELEMETRY_PROTO_PYPI_VERSION="1.45.2"

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/Sources/CelloOTLP/Generated"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v protoc >/dev/null || { echo "protoc not found: apt-get install protobuf-compiler" >&2; exit 2; }

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "opentelemetry-proto==$OPENTELEMETRY_PROTO_PYPI_VERSION"
"$work/venv/bin/python" "$root/scripts/dump-otlp-descriptors.py" "$work/otlp.pb" > "$work/files.txt"

cd "$root"
swift build --product protoc-gen-swift >&2
swift build --product protoc-gen-grpc-swift-2 >&2
bin=$(swift build --show-bin-path)

rm -rf "$out"
mkdir -p "$out"
mapfile -t files < "$work/files.txt"
protoc --descriptor_set_in="$work/otlp.pb" \
    --plugin=protoc-gen-swift="$bin/protoc-gen-swift" \
    --swift_out="$out" --swift_opt=Visibility=Public --swift_opt=FileNaming=FullPath \
    "${files[@]}"
services=()
for f in "${files[@]}"; do
    case "$f" in */collector/*) services+=("$f") ;; esac
done
protoc --descriptor_set_in="$work/otlp.pb" \
    --plugin=protoc-gen-grpc-swift-2="$bin/protoc-gen-grpc-swift-2" \
    --grpc-swift-2_out="$out" \
    --grpc-swift-2_opt=Visibility=Public,Server=true,Client=true,FileNaming=FullPath \
    "${services[@]}"

printf 'opentelemetry-proto (PyPI) %s\n' "$OPENTELEMETRY_PROTO_PYPI_VERSION" > "$out/VERSION"
echo "generated $(find "$out" -name '*.swift' | wc -l) files into Sources/CelloOTLP/Generated" >&2
