"""Self-check of service.py: the clean hop breaks no rule, and every CELLO_PEER_DEFECT breaks exactly its own.

Needs nothing but this venv (no Swift build). Each run starts service.py with two downstream calls to a local
HTTP listener that records the headers it receives, and exports to a local collector on 127.0.0.1 that records
headers, Content-Encoding and spans of every export. The first export of a run is held (the collector answers
only after STALL_SECONDS) to see whether the exporter gives up at OTEL_EXPORTER_OTLP_TIMEOUT. gRPC runs go
through a recording TCP relay (it reads the gRPC message's compressed flag) to an in-process grpcio collector
(it reads the metadata).

    .venv/bin/python check_defects.py [--only DEFECT ...] [--verbose]

Exit 0 when every run broke exactly the expected rules, 1 otherwise. Everything is bounded by timeouts.
"""

import argparse
import gzip
import json
import os
import random
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zlib
from concurrent import futures
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from opentelemetry.proto.collector.trace.v1 import trace_service_pb2
from opentelemetry.proto.trace.v1 import trace_pb2

HERE = Path(__file__).resolve().parent
PEER = HERE / "service.py"
HOST = "127.0.0.1"
SERVICE_NAME = "svc-c"
BATCH_SIZE = 2
TIMEOUT_MS = 500
STALL_SECONDS = 3.0
EXPORT_HEADERS = {"x-cello-token": "secret-token", "x-cello-tenant": "t1"}
INCOMING_TRACESTATE = "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"
INCOMING_BAGGAGE = {"userId": "alice", "isProduction": "false"}
INCOMING_UBERCTX = {"tenant": "acme"}
COMBINED = "b3,jaeger,tracecontext,baggage"  # tracecontext last: the SDK's composite extract lets the last win
READY_TIMEOUT = 20.0
EXIT_TIMEOUT = 20.0
FIRST_EXPORT_TIMEOUT = 5.0
REQUEST_TIMEOUT = 15.0

TRACEPARENT = re.compile(r"^00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-9a-f]$")
TRACEPARENT_ANY_CASE = re.compile(r"^([0-9a-fA-F]{2})-([0-9a-fA-F]{32})-([0-9a-fA-F]{16})-([0-9a-fA-F]{2})$")
B3_SINGLE = re.compile(r"^([0-9a-f]{16}|[0-9a-f]{32})-([0-9a-f]{16})-(1|0|d)(-[0-9a-f]{16})?$")
UBER = re.compile(r"^([0-9a-f]{1,32}):([0-9a-f]{1,16}):([0-9a-f]{1,16}):([0-9a-f]{1,2})$")

# What each run must break (rule names below); the clean hop breaks nothing.
EXPECTED = {
    "": set(),
    "drop-parent": {"context-continued"},
    "new-trace-id": {"context-continued"},
    "ignore-sampled": {"sampling"},
    "oversize-batches": {"batch-size"},
    "ignore-timeout": {"export-timeout"},
    "drop-tracestate": {"tracestate"},
    "drop-baggage": {"baggage"},
    "b3-no-sampling": {"b3-format"},
    "uppercase-traceparent": {"traceparent-format"},
    "ignore-headers": {"export-headers"},
    "ignore-compression": {"compression"},
    "wrong-kind": {"span-kind"},
    "wrong-service-name": {"service-name"},
    "duplicate-export": {"export-once"},
    "no-shutdown-flush": {"shutdown-flush"},
    "wrong-parent-header": {"parent-header"},
}


def hexid(n):
    return "".join(random.choice("0123456789abcdef") for _ in range(n))


# ---------------------------------------------------------------------------------------------------- listeners


class Downstream:
    """Records the headers of every call it receives (names lower-cased) and answers 200."""

    def __init__(self):
        self.calls = []
        self.lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def handle_any(self):
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                with owner.lock:
                    owner.calls.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}})
                data = b'{"ok":true}'
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = handle_any

        self.server = ThreadingHTTPServer((HOST, 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://{HOST}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def decode_body(body, encoding):
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body)
    return body


def export_record(headers, spans_request, wire):
    spans = []
    for resource_spans in spans_request.resource_spans:
        service = None
        for attribute in resource_spans.resource.attributes:
            if attribute.key == "service.name":
                service = attribute.value.string_value
        for scope_spans in resource_spans.scope_spans:
            for span in scope_spans.spans:
                attributes = {a.key for a in span.attributes}
                spans.append(
                    {
                        "trace": span.trace_id.hex(),
                        "id": span.span_id.hex(),
                        "parent": span.parent_span_id.hex() or None,
                        "kind": trace_pb2.Span.SpanKind.Name(span.kind),
                        "name": span.name,
                        "service": service,
                        "role": "client" if "url.full" in attributes else "server" if "url.path" in attributes else "?",
                    }
                )
    return {"headers": headers, "spans": spans, **wire}


class HTTPCollector:
    """OTLP/HTTP receiver. Holds the first export for up to STALL_SECONDS and notes when the client gave up."""

    def __init__(self):
        self.exports = []
        self.lock = threading.Lock()
        self.first_seen = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                received = time.monotonic()
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                encoding = (self.headers.get("content-encoding") or "").lower()
                record = {"path": self.path, "encoding": encoding or None, "wire_bytes": len(body), "decoded": True}
                request = trace_service_pb2.ExportTraceServiceRequest()
                try:
                    request.ParseFromString(decode_body(body, encoding))
                except Exception:  # noqa: BLE001 - a body that does not decode is itself a finding
                    record["decoded"] = False
                headers = {k.lower(): v for k, v in self.headers.items()}
                with owner.lock:
                    first = not owner.exports
                    entry = export_record(headers, request, record)
                    entry["first"] = first
                    owner.exports.append(entry)
                owner.first_seen.set()
                if first:
                    entry["gave_up_after"] = self.hold(received)
                    if entry["gave_up_after"] is not None:
                        self.close_connection = True
                        return
                data = trace_service_pb2.ExportTraceServiceResponse().SerializeToString()
                try:
                    self.send_response(200)
                    self.send_header("content-type", "application/x-protobuf")
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    self.close_connection = True

            def hold(self, received):
                """Waits up to STALL_SECONDS for the client to hang up; seconds until it did, or None."""
                deadline = received + STALL_SECONDS
                while (left := deadline - time.monotonic()) > 0:
                    readable, _, _ = select.select([self.connection], [], [], min(left, 0.05))
                    if readable:
                        try:
                            peeked = self.connection.recv(1, socket.MSG_PEEK)
                        except OSError:
                            peeked = b""
                        if not peeked:
                            return time.monotonic() - received
                        time.sleep(0.05)
                return None

        self.server = ThreadingHTTPServer((HOST, 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f"http://{HOST}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class GRPCCollector:
    """OTLP/gRPC receiver (grpcio) behind a TCP relay that records the compressed flag of every gRPC message."""

    def __init__(self):
        import grpc
        from opentelemetry.proto.collector.trace.v1 import trace_service_pb2_grpc

        self.exports = []
        self.lock = threading.Lock()
        self.first_seen = threading.Event()
        self.message_flags = []  # (compressed flag, gzip magic present) per gRPC message seen by the relay
        owner = self

        class Service(trace_service_pb2_grpc.TraceServiceServicer):
            def Export(self, request, context):
                headers = {item.key.lower(): item.value for item in context.invocation_metadata()}
                with owner.lock:
                    entry = export_record(headers, request, {"encoding": None, "decoded": True})
                    entry["first"] = not owner.exports
                    owner.exports.append(entry)
                owner.first_seen.set()
                return trace_service_pb2.ExportTraceServiceResponse()

        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        trace_service_pb2_grpc.add_TraceServiceServicer_to_server(Service(), self.server)
        self.backend_port = self.server.add_insecure_port(f"{HOST}:0")
        self.server.start()
        self.relay = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.relay.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.relay.bind((HOST, 0))
        self.relay.listen(8)
        self.relay.settimeout(0.2)
        self.stopping = threading.Event()
        self.endpoint = f"http://{HOST}:{self.relay.getsockname()[1]}"
        threading.Thread(target=self.accept_loop, daemon=True).start()

    def accept_loop(self):
        while not self.stopping.is_set():
            try:
                client, _ = self.relay.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            backend = socket.create_connection((HOST, self.backend_port), timeout=5)
            client.settimeout(None)
            backend.settimeout(None)
            parser = H2MessageSniffer(self.message_flags, self.lock)
            threading.Thread(target=self.pump, args=(client, backend, parser), daemon=True).start()
            threading.Thread(target=self.pump, args=(backend, client, None), daemon=True).start()

    def pump(self, source, sink, parser):
        try:
            while not self.stopping.is_set():
                readable, _, _ = select.select([source], [], [], 0.2)
                if not readable:
                    continue
                data = source.recv(65536)
                if not data:
                    break
                if parser is not None:
                    parser.feed(data)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self):
        self.stopping.set()
        self.relay.close()
        self.server.stop(0)


class H2MessageSniffer:
    """Reads the client side of an HTTP/2 connection: the first 5 bytes of each stream's DATA are the gRPC prefix."""

    PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"

    def __init__(self, flags, lock):
        self.buffer = b""
        self.preface_done = False
        self.streams = {}
        self.flags = flags
        self.lock = lock

    def feed(self, data):
        self.buffer += data
        if not self.preface_done:
            if len(self.buffer) < len(self.PREFACE):
                return
            self.buffer = self.buffer[len(self.PREFACE):]
            self.preface_done = True
        while len(self.buffer) >= 9:
            length = int.from_bytes(self.buffer[:3], "big")
            frame_type, frame_flags = self.buffer[3], self.buffer[4]
            stream = struct.unpack(">I", self.buffer[5:9])[0] & 0x7FFFFFFF
            if len(self.buffer) < 9 + length:
                return
            payload = self.buffer[9:9 + length]
            self.buffer = self.buffer[9 + length:]
            if frame_type == 0 and stream:  # DATA
                if frame_flags & 0x8:  # PADDED
                    payload = payload[1:len(payload) - payload[0]]
                seen = self.streams.get(stream, b"")
                if len(seen) < 7:
                    seen += payload
                    self.streams[stream] = seen
                    if len(seen) >= 7:
                        with self.lock:
                            self.flags.append((seen[0], seen[5:7] == b"\x1f\x8b"))


# ---------------------------------------------------------------------------------------------------- one run


class Run:
    def __init__(self, defect, propagators, protocol, verbose):
        self.defect = defect
        self.propagators = propagators
        self.protocol = protocol
        self.verbose = verbose
        self.formats = set(propagators.split(","))
        self.results = {}  # rule -> (passed or None for n/a, evidence)
        self.notes = []

    def rule(self, name, passed, evidence):
        previous = self.results.get(name)
        if previous is not None and previous[0] is False:
            return  # keep the first failure
        if previous is not None and passed is None:
            return
        self.results[name] = (passed, evidence)

    def incoming(self, sampled):
        trace_id, span_id = hexid(32), hexid(16)
        headers = {}
        if "tracecontext" in self.formats:
            headers["traceparent"] = f"00-{trace_id}-{span_id}-{'01' if sampled else '00'}"
            headers["tracestate"] = INCOMING_TRACESTATE
        if "baggage" in self.formats:
            headers["baggage"] = ",".join(f"{k}={v}" for k, v in INCOMING_BAGGAGE.items())
        if "b3" in self.formats:
            headers["b3"] = f"{trace_id}-{span_id}-{'1' if sampled else '0'}"
        if "b3multi" in self.formats:
            headers.update({"X-B3-TraceId": trace_id, "X-B3-SpanId": span_id, "X-B3-Sampled": "1" if sampled else "0"})
        if "jaeger" in self.formats:
            headers["uber-trace-id"] = f"{trace_id}:{span_id}:0:{'1' if sampled else '0'}"
            headers.update({f"uberctx-{k}": v for k, v in INCOMING_UBERCTX.items()})
        return {"trace": trace_id, "parent": span_id, "sampled": sampled, "headers": headers}

    def execute(self):
        downstream = Downstream()
        collector = HTTPCollector() if self.protocol == "http/protobuf" else GRPCCollector()
        env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_") and k != "CELLO_PEER_DEFECT"}
        env.update(
            {
                "OTEL_SERVICE_NAME": SERVICE_NAME,
                "OTEL_PROPAGATORS": self.propagators,
                "OTEL_EXPORTER_OTLP_PROTOCOL": self.protocol,
                "OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint,
                "OTEL_EXPORTER_OTLP_HEADERS": ",".join(f"{k}={v}" for k, v in EXPORT_HEADERS.items()),
                "OTEL_EXPORTER_OTLP_COMPRESSION": "gzip",
                "OTEL_EXPORTER_OTLP_TIMEOUT": str(TIMEOUT_MS if self.protocol == "http/protobuf" else 2000),
                "OTEL_BSP_MAX_EXPORT_BATCH_SIZE": str(BATCH_SIZE),
                "OTEL_BSP_SCHEDULE_DELAY": "30000",
                "NO_PROXY": "*",
            }
        )
        if self.defect:
            env["CELLO_PEER_DEFECT"] = self.defect
        stderr = tempfile.TemporaryFile()
        peer = subprocess.Popen(
            [sys.executable, str(PEER), "--name", "C", "--host", HOST, "--port", "0",
             "--downstream", downstream.url, "--downstream", downstream.url],
            stdout=subprocess.PIPE, stderr=stderr, env=env, cwd=str(HERE),
        )
        unsampled = self.incoming(sampled=False)
        sampled = self.incoming(sampled=True)
        exit_code = None
        try:
            address = self.wait_ready(peer)
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            for path, request in (("/api/unsampled", unsampled), ("/api/sampled", sampled)):
                call = urllib.request.Request(f"http://{address}{path}", headers=request["headers"])
                with opener.open(call, timeout=REQUEST_TIMEOUT) as response:
                    response.read()
            collector.first_seen.wait(FIRST_EXPORT_TIMEOUT)  # the first full batch, when there is one
            time.sleep(0.2)
            peer.send_signal(signal.SIGTERM)
            try:
                exit_code = peer.wait(timeout=EXIT_TIMEOUT)
            except subprocess.TimeoutExpired:
                peer.kill()
                peer.wait(timeout=5)
            time.sleep(0.3)  # the relay and collector threads finish recording
        finally:
            if peer.poll() is None:
                peer.kill()
                peer.wait(timeout=5)
            downstream.close()
            collector.close()
            stderr.seek(0)
            self.stderr = stderr.read().decode(errors="replace")
            stderr.close()
        self.rule("exit-0", exit_code == 0, f"exit code {exit_code}")
        calls = {"/api/unsampled": [], "/api/sampled": []}
        for call in downstream.calls:
            calls.setdefault(call["path"], []).append(call["headers"])
        self.judge(unsampled, calls["/api/unsampled"], sampled, calls["/api/sampled"], collector)

    def wait_ready(self, peer):
        deadline = time.monotonic() + READY_TIMEOUT
        line = b""
        while time.monotonic() < deadline:
            readable, _, _ = select.select([peer.stdout], [], [], 0.2)
            if readable:
                line = peer.stdout.readline()
                break
            if peer.poll() is not None:
                break
        match = re.match(rb"^ready http=(\S+)$", line.strip())
        if not match:
            raise RuntimeError(f"peer not ready: {line!r}")
        return match.group(1).decode()

    # ------------------------------------------------------------------------------------------------ rules

    def ids_from(self, headers):
        """(format, trace id, span id, sampled or None) for every propagation format found, case-insensitive."""
        found = []
        if "traceparent" in headers:
            match = TRACEPARENT_ANY_CASE.match(headers["traceparent"])
            if match:
                found.append(("traceparent", match.group(2).lower(), match.group(3).lower(),
                              int(match.group(4), 16) & 1 == 1))
            else:
                found.append(("traceparent", None, None, None))
        if "b3" in headers:
            parts = headers["b3"].lower().split("-")
            sampled = {"1": True, "d": True, "0": False}.get(parts[2]) if len(parts) > 2 else None
            found.append(("b3", parts[0].rjust(32, "0") if parts else None, parts[1] if len(parts) > 1 else None,
                          sampled))
        if "x-b3-traceid" in headers:
            sampled = {"1": True, "0": False}.get(headers.get("x-b3-sampled", ""))
            found.append(("b3multi", headers["x-b3-traceid"].lower().rjust(32, "0"),
                          headers.get("x-b3-spanid", "").lower(), sampled))
        if "uber-trace-id" in headers:
            match = UBER.match(headers["uber-trace-id"].lower())
            if match:
                found.append(("jaeger", match.group(1).rjust(32, "0"), match.group(2).rjust(16, "0"),
                              int(match.group(4), 16) & 1 == 1))
            else:
                found.append(("jaeger", None, None, None))
        return found

    def judge(self, unsampled, unsampled_calls, sampled, sampled_calls, collector):
        exports = collector.exports
        spans = [span for export in exports for span in export["spans"]]
        self.rule("downstream-calls", len(unsampled_calls) == 2 and len(sampled_calls) == 2,
                  f"{len(unsampled_calls)} + {len(sampled_calls)} downstream calls")
        expected_formats = {"tracecontext": "traceparent", "b3": "b3", "b3multi": "b3multi", "jaeger": "jaeger"}
        for request, calls in ((unsampled, unsampled_calls), (sampled, sampled_calls)):
            for headers in calls:
                found = self.ids_from(headers)
                names = {name for name, *_ in found}
                wanted = {expected_formats[f] for f in self.formats if f in expected_formats}
                self.rule("formats-present", names == wanted, f"sent {sorted(names)}, configured {sorted(wanted)}")
                # traceparent-format
                if "traceparent" in headers:
                    value = headers["traceparent"]
                    self.rule("traceparent-format", bool(TRACEPARENT.match(value)), f"traceparent {value}")
                # b3-format
                if "b3" in headers:
                    value = headers["b3"]
                    self.rule("b3-format", bool(B3_SINGLE.match(value)), f"b3 {value}")
                if "uber-trace-id" in headers:
                    value = headers["uber-trace-id"]
                    self.rule("jaeger-format", bool(UBER.match(value)), f"uber-trace-id {value}")
                    flags = value.rsplit(":", 1)[-1]
                    state = "sampled" if request["sampled"] else "unsampled"
                    self.notes.append(f"uber-trace-id flags {flags} ({state})")
                # context-continued: the trace id of every format is the incoming one
                continued = all(trace == request["trace"] for _, trace, _, _ in found)
                self.rule("context-continued", continued,
                          f"incoming trace {request['trace']}, sent {[(n, t) for n, t, _, _ in found]}")
                span_ids = {span for _, _, span, _ in found}
                self.rule("ids-agree", len(span_ids) == 1, f"span ids across formats {sorted(map(str, span_ids))}")
                # sampling: only for a hop that continued this trace
                if continued:
                    flags = [s for _, _, _, s in found if s is not None]
                    self.rule("sampling", all(flag == request["sampled"] for flag in flags),
                              f"incoming sampled={request['sampled']}, sent {flags}")
                    if "tracecontext" in self.formats:
                        value = headers.get("tracestate")
                        self.rule("tracestate", value == INCOMING_TRACESTATE, f"tracestate {value!r}")
                if "baggage" in self.formats:
                    value = headers.get("baggage")
                    members = dict(m.strip().split("=", 1) for m in (value or "").split(",") if "=" in m)
                    self.rule("baggage", all(members.get(k) == v for k, v in INCOMING_BAGGAGE.items()),
                              f"baggage {value!r}")
                if "jaeger" in self.formats:
                    uberctx = {k[len("uberctx-"):]: v for k, v in headers.items() if k.startswith("uberctx-")}
                    self.rule("baggage", all(uberctx.get(k) == v for k, v in INCOMING_UBERCTX.items()),
                              f"uberctx {uberctx}")
        # sampling, span side: nothing recorded for the unsampled trace
        recorded = [span for span in spans if span["trace"] == unsampled["trace"]]
        self.rule("sampling", not recorded, f"{len(recorded)} spans exported for the unsampled trace")
        # context-continued, span side: every exported server span is a child of the incoming context
        incoming = {unsampled["trace"]: unsampled["parent"], sampled["trace"]: sampled["parent"]}
        for span in spans:
            if span["role"] == "server":
                self.rule("context-continued", bool(span["parent"]) and incoming.get(span["trace"]) == span["parent"],
                          f"server span trace {span['trace']} parent {span['parent']}")
        # parent-header: the sent span id is the id of one of the exported client-call spans
        for headers in sampled_calls:
            found = self.ids_from(headers)
            if not found or found[0][1] is None:
                continue
            trace = found[0][1]
            children = {span["id"] for span in spans if span["trace"] == trace and span["role"] == "client"}
            servers = {span["id"] for span in spans if span["trace"] == trace and span["role"] == "server"}
            if not children:
                self.rule("parent-header", None, "no client span exported")
                continue
            for name, _, span_id, _ in found:
                self.rule("parent-header", span_id in children,
                          f"{name} parent {span_id}; client spans {sorted(children)}, server spans {sorted(servers)}")
        # span-kind
        for span in spans:
            wanted = {"client": "SPAN_KIND_CLIENT", "server": "SPAN_KIND_SERVER"}.get(span["role"])
            self.rule("span-kind", span["kind"] == wanted, f"{span['role']} span {span['name']!r} kind {span['kind']}")
        # service-name
        for span in spans:
            self.rule("service-name", span["service"] == SERVICE_NAME, f"resource service.name {span['service']!r}")
        # export-once
        ids = [span["id"] for span in spans]
        self.rule("export-once", len(ids) == len(set(ids)), f"{len(ids)} spans exported, {len(set(ids))} distinct")
        # batch-size
        sizes = [len(export["spans"]) for export in exports]
        self.rule("batch-size", all(size <= BATCH_SIZE for size in sizes), f"export sizes {sizes}")
        # shutdown-flush: every trace that was exported is complete (server span + two client spans)
        traces = {}
        for span in spans:
            traces.setdefault(span["trace"], set()).add((span["id"], span["role"]))
        self.rule("shutdown-flush", bool(traces) and all(len(t) == 3 for t in traces.values()),
                  f"spans per exported trace {[sorted(role for _, role in t) for t in traces.values()]}")
        # export-headers
        for export in exports:
            got = {k: export["headers"].get(k) for k in EXPORT_HEADERS}
            self.rule("export-headers", got == EXPORT_HEADERS, f"export headers {got}")
        # compression
        if self.protocol == "http/protobuf":
            for export in exports:
                self.rule("compression", export["encoding"] == "gzip" and export["decoded"],
                          f"content-encoding {export['encoding']!r}, {export['wire_bytes']} bytes, "
                          f"decoded={export['decoded']}")
            first = [export for export in exports if export.get("first")]
            if first:
                gave_up = first[0].get("gave_up_after")
                limit = TIMEOUT_MS / 1000 + 1.5
                self.rule("export-timeout", gave_up is not None and gave_up <= limit,
                          f"held export: client gave up after {gave_up if gave_up is None else round(gave_up, 2)} s "
                          f"(timeout {TIMEOUT_MS} ms, hold {STALL_SECONDS} s)")
        else:
            flags = collector.message_flags
            self.rule("compression", bool(flags) and all(flag == 1 and magic for flag, magic in flags),
                      f"gRPC messages (compressed flag, gzip magic) {flags}")
        self.rule("spans-exported", bool(spans), f"{len(spans)} spans in {len(exports)} exports")
        if exports:
            self.notes.append(f"exporter user-agent {exports[0]['headers'].get('user-agent')!r}")
        if sampled_calls:
            self.notes.append(f"downstream headers {json.dumps(sampled_calls[0], sort_keys=True)}")

    def failed(self):
        return {name for name, (passed, _) in self.results.items() if passed is False}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", action="append", default=[], help="defect to run ('none' for the clean hop)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    plan = [("", COMBINED, "http/protobuf")]
    plan += [("", props, "http/protobuf") for props in ("tracecontext,baggage", "b3", "b3multi", "jaeger")]
    plan += [(defect, COMBINED, "http/protobuf") for defect in EXPECTED if defect]
    plan += [(defect, "tracecontext,baggage", "grpc") for defect in ("", "ignore-headers", "ignore-compression")]
    if args.only:
        wanted = {"" if name == "none" else name for name in args.only}
        plan = [item for item in plan if item[0] in wanted]
    ok = True
    for defect, propagators, protocol in plan:
        run = Run(defect, propagators, protocol, args.verbose)
        started = time.monotonic()
        try:
            run.execute()
        except Exception as error:  # noqa: BLE001 - report and go on with the next run
            run.rule("run", False, f"{type(error).__name__}: {error}")
        failed = run.failed()
        expected = EXPECTED[defect]
        good = failed == expected
        ok &= good
        label = defect or "none"
        print(f"{'ok  ' if good else 'FAIL'} {label:<22} {protocol:<13} {propagators:<32} "
              f"broke {sorted(failed) or '-'} (expected {sorted(expected) or '-'}) {time.monotonic() - started:.1f}s")
        for name, (passed, evidence) in sorted(run.results.items()):
            if passed is False or args.verbose or name in expected:
                print(f"       {'pass' if passed else 'n/a ' if passed is None else 'FAIL'} {name}: {evidence}")
        if args.verbose:
            for note in dict.fromkeys(run.notes):
                print(f"       note: {note}")
        if not good or args.verbose:
            tail = "\n".join(line for line in run.stderr.splitlines()[-15:])
            if tail:
                print("       peer stderr:\n" + "\n".join(f"         {line}" for line in tail.splitlines()))
    print("all runs as expected" if ok else "some runs did not break exactly the expected rules")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
