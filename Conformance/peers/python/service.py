"""A hop of a conformance topology on the OpenTelemetry Python SDK (cello-telemetry.md section 7).

Plays any service of a scenario with the same command line, routes and ready line as `demo-service`:

    python service.py --name B --host 127.0.0.1 --port 0 [--downstream http://127.0.0.1:PORT ...]

prints exactly one line `ready http=HOST:PORT` once listening, and on SIGTERM flushes its spans and exits 0.

Routes: `/health*` answers {"status":"up"} untraced; every other path starts a SERVER span (continuing the
context the configured propagators extract), calls each downstream with the same method and path inside a
CLIENT span (injecting the configured headers) and answers 200 with a small JSON body, or 502 when a downstream
failed.

Configuration comes only from the standard variables: OTEL_SERVICE_NAME, OTEL_PROPAGATORS (tracecontext,
baggage, b3, b3multi, jaeger), OTEL_TRACES_SAMPLER(+_ARG), OTEL_EXPORTER_OTLP_ENDPOINT / _PROTOCOL (grpc,
http/protobuf) / _TIMEOUT / _COMPRESSION, OTEL_BSP_*. OTEL_EXPORTER_OTLP_TIMEOUT is milliseconds as the
OpenTelemetry specification says; the Python SDK 1.45.2 reads it as seconds, so this peer converts it and
passes the result explicitly (see the `ignore-timeout` defect for what happens otherwise).

CELLO_PEER_DEFECT selects one deliberate defect so that tests can prove the runner catches it:
  drop-parent       server spans are exported without their parent span id
  new-trace-id      incoming context is ignored: every request starts a new trace
  ignore-sampled    records every span whatever the parent's sampled flag says (and propagates sampled=1)
  oversize-batches  exports batches of four times OTEL_BSP_MAX_EXPORT_BATCH_SIZE
  ignore-timeout    leaves OTEL_EXPORTER_OTLP_TIMEOUT to the SDK, which reads the milliseconds as seconds
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

from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_ON
from opentelemetry.trace import SpanKind, Status, StatusCode

DEFECTS = ("drop-parent", "new-trace-id", "ignore-sampled", "oversize-batches", "ignore-timeout")
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


class DropParentExporter(SpanExporter):
    """The `drop-parent` defect: SERVER spans leave without their parent span id."""

    def __init__(self, inner):
        self._inner = inner

    def export(self, spans):
        for span in spans:
            if span.kind == SpanKind.SERVER:
                span._parent = None  # deliberate defect
        return self._inner.export(spans)

    def shutdown(self):
        return self._inner.shutdown()

    def force_flush(self, timeout_millis=30000):
        return self._inner.force_flush(timeout_millis)


def make_exporter(defect):
    protocol = os.environ.get("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
    endpoint = os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317").rstrip("/")
    timeout_ms = env_int("OTEL_EXPORTER_OTLP_TIMEOUT", 1)
    kwargs = {}
    if timeout_ms is not None and defect != "ignore-timeout":
        kwargs["timeout"] = timeout_ms / 1000.0
    if protocol == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        exporter = OTLPSpanExporter(endpoint=endpoint, insecure=endpoint.startswith("http://"), **kwargs)
    elif protocol == "http/protobuf":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        exporter = OTLPSpanExporter(endpoint=f"{endpoint}/v1/traces", **kwargs)
    else:
        fail(f"OTEL_EXPORTER_OTLP_PROTOCOL={protocol!r} is not supported by the Python SDK (grpc, http/protobuf)")
    if defect == "drop-parent":
        exporter = DropParentExporter(exporter)
    return exporter


def make_provider(name, defect):
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

        def call_downstream(self, base):
            with tracer.start_as_current_span(self.command, kind=SpanKind.CLIENT) as span:
                url = f"{base}{self.path.split('?', 1)[0]}"
                span.set_attribute("http.request.method", self.command)
                span.set_attribute("url.full", url)
                headers = {}
                propagate.inject(headers)
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
            parent = Context() if defect == "new-trace-id" else propagate.extract(dict(self.headers.items()))
            with tracer.start_as_current_span(f"{self.command} {path}", context=parent, kind=SpanKind.SERVER) as span:
                span.set_attribute("http.request.method", self.command)
                span.set_attribute("url.path", path)
                statuses = [self.call_downstream(base) for base in downstream]
                status = 502 if any(code >= 400 for code in statuses) else 200
                span.set_attribute("http.response.status_code", status)
                if status >= 500:
                    span.set_status(Status(StatusCode.ERROR))
                self.answer(status, {"service": os.environ.get("OTEL_SERVICE_NAME", ""), "downstream": statuses})

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
    provider.shutdown()  # flushes every queued span
    sys.exit(0)


if __name__ == "__main__":
    main()
