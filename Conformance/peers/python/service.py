"""A hop of a conformance topology on the OpenTelemetry Python SDK (docs/cello-telemetry.md section 7).

Plays any service of a scenario with the same command line, routes and ready line as `demo-service`:

    python service.py --name B --host 127.0.0.1 --port 0 [--downstream http://127.0.0.1:PORT ...]

prints exactly one line `ready http=HOST:PORT` once listening, and on SIGTERM flushes its spans and exits 0.

Routes: `/health*` answers {"status":"up"} untraced; every other path starts a SERVER span (continuing the
context the configured propagators extract), calls each downstream with the same method and path inside a
CLIENT span (injecting the configured headers) and answers 200 with a small JSON body, or 502 when a downstream
failed.

Configuration comes only from the standard variables: OTEL_SERVICE_NAME, OTEL_PROPAGATORS (tracecontext,
baggage, b3, b3multi, jaeger), OTEL_TRACES_SAMPLER(+_ARG), OTEL_EXPORTER_OTLP_ENDPOINT / _PROTOCOL (grpc,
http/protobuf) / _HEADERS / _TIMEOUT / _COMPRESSION, OTEL_BSP_*. OTEL_EXPORTER_OTLP_TIMEOUT is milliseconds as the
OpenTelemetry specification says; the Python SDK 1.45.2 reads it as seconds, so this peer converts it and
passes the result explicitly (see the `ignore-timeout` defect for what happens otherwise). Headers and
compression are left to the SDK, which reads OTEL_EXPORTER_OTLP_[TRACES_]HEADERS and _COMPRESSION itself for both
protocols.

The context extracted from the incoming request (span context, tracestate and baggage) is made current for the
whole request, so the downstream calls forward tracestate, W3C baggage and uberctx-* baggage; header fields that
occur more than once (several tracestate or baggage lines) are joined with "," before extraction, and header names
are matched case-insensitively (the SDK's getter is case-sensitive and would miss e.g. `X-B3-TraceId`).

CELLO_PEER_DEFECT selects one deliberate defect so that tests can prove the runner catches it:
  drop-parent       server spans are exported without their parent span id
  new-trace-id      incoming context is ignored: every request starts a new trace
  ignore-sampled    records every span whatever the parent's sampled flag says (and propagates sampled=1)
  oversize-batches  exports batches of four times OTEL_BSP_MAX_EXPORT_BATCH_SIZE
  ignore-timeout    leaves OTEL_EXPORTER_OTLP_TIMEOUT to the SDK, which reads the milliseconds as seconds
  drop-tracestate   downstream calls carry no `tracestate` header (traceparent is still sent correctly)
  drop-baggage      downstream calls carry no `baggage` header and no `uberctx-*` headers
  b3-no-sampling    the single `b3` header is sent as `{trace}-{span}`, without the sampling state
  uppercase-traceparent  the injected traceparent is written in upper-case hex
  ignore-headers    the exporter sends none of OTEL_EXPORTER_OTLP_[TRACES_]HEADERS (the variables are removed
                    before the exporter is built: headers={} would not do, the gRPC exporter reads the variables
                    when the argument is empty and the HTTP exporter merges them under the argument's headers)
  ignore-compression  the exporter sends uncompressed whatever OTEL_EXPORTER_OTLP_[TRACES_]COMPRESSION says
  wrong-kind        the span of each downstream call is exported as kind INTERNAL instead of CLIENT
  wrong-service-name  the resource's service.name is OTEL_SERVICE_NAME + "-x"
  duplicate-export  every batch is exported twice
  no-shutdown-flush on SIGTERM the process exits 0 without flushing the spans still queued
  wrong-parent-header  downstream calls are injected from the SERVER span's context, so the parent id in
                    traceparent / b3 / uber-trace-id is the server span's id instead of the client span's
Every defect breaks one rule only; the hop is otherwise normal.
"""

import argparse
import faulthandler
import json
import os
import signal
import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_ON
from opentelemetry.trace import SpanKind, Status, StatusCode

DEFECTS = (
    "drop-parent",
    "new-trace-id",
    "ignore-sampled",
    "oversize-batches",
    "ignore-timeout",
    "drop-tracestate",
    "drop-baggage",
    "b3-no-sampling",
    "uppercase-traceparent",
    "ignore-headers",
    "ignore-compression",
    "wrong-kind",
    "wrong-service-name",
    "duplicate-export",
    "no-shutdown-flush",
    "wrong-parent-header",
)
HEADER_VARIABLES = ("OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS")
DOWNSTREAM_TIMEOUT_SECONDS = 10
MAX_BODY_BYTES = 1 << 20


def fail(message):
    print(f"service.py: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def env_int(name, minimum):
    text = os.environ.get(name)
    if text is None or text == "":
        return None
    try:
        value = int(text)
    except ValueError:
        fail(f"{name}={text!r} is not a whole number")
    if value < minimum:
        fail(f"{name}={value} must be at least {minimum}")
    return value


class WrappingExporter(SpanExporter):
    """Passes everything to the real exporter; subclasses change `export`."""

    def __init__(self, inner):
        self._inner = inner

    def export(self, spans):
        return self._inner.export(spans)

    def shutdown(self):
        return self._inner.shutdown()

    def force_flush(self, timeout_millis=30000):
        return self._inner.force_flush(timeout_millis)


class DropParentExporter(WrappingExporter):
    """The `drop-parent` defect: SERVER spans leave without their parent span id."""

    def export(self, spans):
        for span in spans:
            if span.kind == SpanKind.SERVER:
                span._parent = None  # deliberate defect
        return self._inner.export(spans)


class DuplicateExporter(WrappingExporter):
    """The `duplicate-export` defect: every batch is sent twice."""

    def export(self, spans):
        self._inner.export(spans)
        return self._inner.export(spans)  # deliberate defect


def make_exporter(defect):
    protocol = os.environ.get("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
    endpoint = os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317").rstrip("/")
    timeout_ms = env_int("OTEL_EXPORTER_OTLP_TIMEOUT", 1)
    kwargs = {}
    if timeout_ms is not None and defect != "ignore-timeout":
        kwargs["timeout"] = timeout_ms / 1000.0
    # Headers and compression are deliberately not passed: the SDK reads OTEL_EXPORTER_OTLP_[TRACES_]HEADERS and
    # _COMPRESSION itself (an explicit `headers`/`compression` argument would override or merge with them).
    if defect == "ignore-headers":
        # deliberate defect. headers={} is not enough: the gRPC exporter treats empty headers as "not given" and
        # reads the variable, the HTTP exporter merges the variable's headers under the explicit ones.
        for name in HEADER_VARIABLES:
            os.environ.pop(name, None)
    if protocol == "grpc":
        from grpc import Compression
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        if defect == "ignore-compression":
            kwargs["compression"] = Compression.NoCompression  # deliberate defect: explicit value beats the env
        exporter = OTLPSpanExporter(endpoint=endpoint, insecure=endpoint.startswith("http://"), **kwargs)
    elif protocol == "http/protobuf":
        from opentelemetry.exporter.otlp.proto.http import Compression
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        if defect == "ignore-compression":
            kwargs["compression"] = Compression.NoCompression  # deliberate defect: explicit value beats the env
        exporter = OTLPSpanExporter(endpoint=f"{endpoint}/v1/traces", **kwargs)
    else:
        fail(f"OTEL_EXPORTER_OTLP_PROTOCOL={protocol!r} is not supported by the Python SDK (grpc, http/protobuf)")
    if defect == "drop-parent":
        exporter = DropParentExporter(exporter)
    elif defect == "duplicate-export":
        exporter = DuplicateExporter(exporter)
    return exporter


def make_provider(name, defect):
    if defect == "wrong-service-name":
        name = f"{name}-x"  # deliberate defect
    provider_args = {"resource": Resource.create({"service.name": name})}
    if defect == "ignore-sampled":
        provider_args["sampler"] = ALWAYS_ON  # deliberate defect: parent's sampled flag ignored
    provider = TracerProvider(**provider_args)
    processor_args = {}
    if defect == "oversize-batches":
        batch = env_int("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", 1) or 512
        processor_args["max_export_batch_size"] = batch * 4
        processor_args["max_queue_size"] = max(env_int("OTEL_BSP_MAX_QUEUE_SIZE", 1) or 2048, batch * 8)
    provider.add_span_processor(BatchSpanProcessor(make_exporter(defect), **processor_args))
    return provider


def incoming_carrier(headers):
    """The request's header fields for extraction: names lower-cased, repeated fields joined with "," (RFC 9110)."""
    carrier = {}
    for key, value in headers.items():
        key = key.lower()
        carrier[key] = f"{carrier[key]},{value}" if key in carrier else value
    return carrier


def outgoing_headers(defect, server_context):
    """The propagation headers of one downstream call, from the current (CLIENT span's) context."""
    headers = {}
    if defect == "wrong-parent-header":
        propagate.inject(headers, context=server_context)  # deliberate defect: the SERVER span is the parent
    else:
        propagate.inject(headers)
    if defect == "drop-tracestate":
        headers.pop("tracestate", None)  # deliberate defect
    elif defect == "drop-baggage":
        for key in [key for key in headers if key.lower() == "baggage" or key.lower().startswith("uberctx-")]:
            del headers[key]  # deliberate defect
    elif defect == "b3-no-sampling" and "b3" in headers:
        headers["b3"] = "-".join(headers["b3"].split("-")[:2])  # deliberate defect: no sampling state
    elif defect == "uppercase-traceparent" and "traceparent" in headers:
        headers["traceparent"] = headers["traceparent"].upper()  # deliberate defect
    return headers


def make_handler(tracer, downstream, defect):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # keep stdout for the ready line only
            pass

        def answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def read_body(self):
            length = int(self.headers.get("content-length") or 0)
            if length > MAX_BODY_BYTES:
                return None
            return self.rfile.read(length) if length else b""

        def call_downstream(self, base, server_context):
            kind = SpanKind.INTERNAL if defect == "wrong-kind" else SpanKind.CLIENT  # wrong-kind: deliberate defect
            with tracer.start_as_current_span(self.command, kind=kind) as span:
                url = f"{base}{self.path.split('?', 1)[0]}"
                span.set_attribute("http.request.method", self.command)
                span.set_attribute("url.full", url)
                headers = outgoing_headers(defect, server_context)
                request = urllib.request.Request(url, method=self.command, headers=headers)
                try:
                    with urllib.request.urlopen(request, timeout=DOWNSTREAM_TIMEOUT_SECONDS) as response:
                        response.read()
                        status = response.status
                except urllib.error.HTTPError as error:
                    status = error.code
                except OSError as error:
                    span.set_status(Status(StatusCode.ERROR, str(error)))
                    return 502
                span.set_attribute("http.response.status_code", status)
                if status >= 500:
                    span.set_status(Status(StatusCode.ERROR))
                return status

        def handle_any(self):
            path = self.path.split("?", 1)[0]
            if self.read_body() is None:
                self.answer(413, {"error": "body too large"})
                return
            if path.startswith("/health"):
                self.answer(200, {"status": "up"})
                return
            extracted = propagate.extract(incoming_carrier(self.headers))
            # The extracted context must be the current one for the whole request: start_as_current_span(context=)
            # only takes the parent span from it and would leave its baggage behind, so downstream calls would
            # forward no baggage.
            token = otel_context.attach(extracted)
            try:
                parent = Context() if defect == "new-trace-id" else extracted  # new-trace-id: deliberate defect
                name = f"{self.command} {path}"
                with tracer.start_as_current_span(name, context=parent, kind=SpanKind.SERVER) as span:
                    span.set_attribute("http.request.method", self.command)
                    span.set_attribute("url.path", path)
                    server_context = otel_context.get_current()
                    statuses = [self.call_downstream(base, server_context) for base in downstream]
                    status = 502 if any(code >= 400 for code in statuses) else 200
                    span.set_attribute("http.response.status_code", status)
                    if status >= 500:
                        span.set_status(Status(StatusCode.ERROR))
                    self.answer(status, {"service": os.environ.get("OTEL_SERVICE_NAME", ""), "downstream": statuses})
            finally:
                otel_context.detach(token)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

    return Handler


def main():
    parser = argparse.ArgumentParser(description="OpenTelemetry Python peer for cello-telemetry scenarios")
    parser.add_argument("--name", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--downstream", action="append", default=[])
    args = parser.parse_args()
    faulthandler.register(signal.SIGUSR1, all_threads=True)  # `kill -USR1` dumps every thread's stack to stderr
    defect = os.environ.get("CELLO_PEER_DEFECT", "")
    if defect and defect not in DEFECTS:
        fail(f"CELLO_PEER_DEFECT={defect!r} is not one of {', '.join(DEFECTS)}")
    if defect:
        print(f"service.py: running with deliberate defect {defect}", file=sys.stderr, flush=True)
    os.environ.setdefault("OTEL_SERVICE_NAME", args.name)
    downstream = [url.rstrip("/") for item in args.downstream for url in item.split(",") if url]

    provider = make_provider(os.environ["OTEL_SERVICE_NAME"], defect)
    tracer = provider.get_tracer("cello-conformance-python-peer")
    server = ThreadingHTTPServer((args.host, args.port), make_handler(tracer, downstream, defect))
    server.daemon_threads = True
    stopping = threading.Event()

    def stop(signum, frame):
        if not stopping.is_set():
            stopping.set()
            threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    host, port = server.server_address[:2]
    print(f"ready http={host}:{port}", flush=True)
    server.serve_forever()
    server.server_close()
    if defect == "no-shutdown-flush":
        os._exit(0)  # deliberate defect: the spans still queued are lost
    provider.shutdown()  # flushes every queued span
    sys.exit(0)


if __name__ == "__main__":
    main()
