"""Writes a FileDescriptorSet of the OTLP protos that the opentelemetry-proto package (PyPI) carries.

The package's *_pb2 modules hold each .proto file's serialized FileDescriptorProto; protoc reads the set with
--descriptor_set_in, so no .proto text has to be fetched or committed.

usage: python dump-otlp-descriptors.py OUT_FILE
"""
import importlib
import sys

from google.protobuf import descriptor_pb2

MODULES = [
    "opentelemetry.proto.common.v1.common_pb2",
    "opentelemetry.proto.resource.v1.resource_pb2",
    "opentelemetry.proto.trace.v1.trace_pb2",
    "opentelemetry.proto.metrics.v1.metrics_pb2",
    "opentelemetry.proto.logs.v1.logs_pb2",
    "opentelemetry.proto.collector.trace.v1.trace_service_pb2",
    "opentelemetry.proto.collector.metrics.v1.metrics_service_pb2",
    "opentelemetry.proto.collector.logs.v1.logs_service_pb2",
]


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    files = descriptor_pb2.FileDescriptorSet()
    seen = set()
    def add(descriptor) -> None:
        # Post-order: every dependency lands before the file that imports it, as protoc requires.
        if descriptor.name in seen:
            return
        seen.add(descriptor.name)
        for dependency in descriptor.dependencies:
            add(dependency)
        proto = descriptor_pb2.FileDescriptorProto()
        descriptor.CopyToProto(proto)
        files.file.append(proto)

    for name in MODULES:
        add(importlib.import_module(name).DESCRIPTOR)
    with open(sys.argv[1], "wb") as out:
        out.write(files.SerializeToString(deterministic=True))
    for proto in files.file:
        print(proto.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
