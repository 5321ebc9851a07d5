"""Emits a few traces through the OpenTelemetry Python SDK configured only by OTEL_* variables, then exits.

The exporter is built the way an application would build it (no arguments, everything from the environment),
so `conformance verify-exporter -- python emit_spans.py` judges the SDK's own reading of the variables,
quirks included (docs/cello-telemetry.md section 7, verify-exporter).

    python emit_spans.py [--traces N] [--spans-per-trace M] [--timeout-as-milliseconds]

The SDK (1.45.2) reads OTEL_EXPORTER_OTLP_TIMEOUT as seconds, where the specification says milliseconds; by
default that is left as it is, so verify-exporter sees it. `--timeout-as-milliseconds` works around it: the
variable is read as milliseconds and handed to the exporter in seconds, the way a fixed SDK would behave.
"""

import argparse
import os
import sys

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import SpanKind


def make_exporter(timeout_as_milliseconds=False):
    protocol = os.environ.get("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
    if protocol == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
    elif protocol == "http/protobuf":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    else:
        print(f"emit_spans.py: OTEL_EXPORTER_OTLP_PROTOCOL={protocol!r} is not supported by the Python SDK", file=sys.stderr)
        sys.exit(2)
    if timeout_as_milliseconds:
        raw = os.environ.get("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT") or os.environ.get("OTEL_EXPORTER_OTLP_TIMEOUT")
        if raw:
            return OTLPSpanExporter(timeout=float(raw) / 1000)
    return OTLPSpanExporter()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--traces", type=int, default=10)
    parser.add_argument("--spans-per-trace", type=int, default=3)
    parser.add_argument(
        "--timeout-as-milliseconds",
        action="store_true",
        help="read OTEL_EXPORTER_OTLP_TIMEOUT as milliseconds (works around the SDK reading it as seconds)",
    )
    args = parser.parse_args()
    provider = TracerProvider()
    provider.add_span_processor(BatchSpanProcessor(make_exporter(args.timeout_as_milliseconds)))
    tracer = provider.get_tracer("cello-conformance-emit-spans")
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
