"""Exporter driver of the conformance matrix (Conformance/third-party/README.md) for Python OTLP span exporters.

Starts a TracerProvider with a BatchSpanProcessor around the exporter under test, built with no arguments so that
everything (endpoint, protocol, batch size, timeout, headers, compression) comes from the OTEL_* variables the way
an application would get it, emits N spans in a few traces, shuts the provider down (which flushes) and exits.

    python emit_otlp.py [--traces N] [--spans-per-trace M]

The exporter is picked by OTEL_EXPORTER_OTLP_PROTOCOL from whatever the running venv installed:
  grpc           opentelemetry.exporter.otlp.proto.grpc.trace_exporter  (OpenTelemetry SDK, or Dash0's pyproto-grpc)
  http/protobuf  opentelemetry.exporter.otlp.proto.http.trace_exporter  (OpenTelemetry SDK, or Dash0's pyproto-http)
  http/json      opentelemetry.exporter.otlp.json.http.trace_exporter   (opentelemetry-exporter-otlp-json-http)
Exit 3 when the venv has no exporter for the protocol. Nothing here works around an exporter's reading of the
variables: that reading is what `conformance verify-exporter` judges.
"""

import argparse
import importlib
import importlib.metadata
import os
import sys

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import SpanKind

EXPORTERS = {
    "grpc": "opentelemetry.exporter.otlp.proto.grpc.trace_exporter",
    "http/protobuf": "opentelemetry.exporter.otlp.proto.http.trace_exporter",
    "http/json": "opentelemetry.exporter.otlp.json.http.trace_exporter",
}


def distribution_of(module_name):
    """The installed distribution(s) that ship the module, with versions, for the run's output."""
    top = module_name.split(".")[0]
    names = importlib.metadata.packages_distributions().get(top, [])
    path = module_name.replace(".", "/")
    found = []
    for name in sorted(set(names)):
        files = importlib.metadata.distribution(name).files or []
        if any(str(file).startswith(path) for file in files):
            found.append(f"{name} {importlib.metadata.version(name)}")
    return ", ".join(found) or "unknown distribution"


def make_exporter():
    protocol = os.environ.get("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
    module_name = EXPORTERS.get(protocol)
    if module_name is None:
        print(f"emit_otlp.py: unknown OTEL_EXPORTER_OTLP_PROTOCOL={protocol!r}", file=sys.stderr)
        sys.exit(2)
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        print(f"emit_otlp.py: no {protocol} exporter in this venv ({module_name}: {error})", file=sys.stderr)
        sys.exit(3)
    print(f"emit_otlp.py: {protocol} exporter from {distribution_of(module_name)}", file=sys.stderr)
    return module.OTLPSpanExporter()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--traces", type=int, default=10)
    parser.add_argument("--spans-per-trace", type=int, default=3)
    args = parser.parse_args()
    provider = TracerProvider()
    provider.add_span_processor(BatchSpanProcessor(make_exporter()))
    tracer = provider.get_tracer("cello-conformance-matrix")
    for index in range(args.traces):
        with tracer.start_as_current_span("GET /api/items", kind=SpanKind.SERVER) as root:
            root.set_attribute("http.request.method", "GET")
            root.set_attribute("item.index", index)
            for child in range(max(args.spans_per_trace - 1, 0)):
                with tracer.start_as_current_span(f"step-{child}"):
                    pass
    provider.shutdown()


if __name__ == "__main__":
    main()
