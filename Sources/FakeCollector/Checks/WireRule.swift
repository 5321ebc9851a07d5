/// The rules the collector judges every request by (docs/cello-telemetry.md section 6, wire checks), with their
/// severity.
///
/// | rule id | severity | source |
/// |---|---|---|
/// | `grpc.method` | violation | gRPC over HTTP/2: `:method` is POST |
/// | `grpc.path` | violation | gRPC over HTTP/2: `:path` is `/Service/Method` of an OTLP service |
/// | `grpc.content-type` | violation | gRPC over HTTP/2: `content-type` is `application/grpc[+proto]` |
/// | `grpc.te-trailers` | violation | gRPC over HTTP/2: `te: trailers` is sent |
/// | `grpc.timeout-syntax` | violation | gRPC over HTTP/2: `grpc-timeout` is 1-8 digits and a unit H/M/S/m/u/n |
/// | `grpc.encoding` | violation | gRPC over HTTP/2: `grpc-encoding` is one the server supports (identity, gzip) |
/// | `grpc.compressed-flag` | violation | gRPC over HTTP/2: flag 1 only with a `grpc-encoding`; flag is 0 or 1 |
/// | `grpc.framing` | violation | gRPC over HTTP/2: the length prefix matches the bytes that follow |
/// | `grpc.message-count` | violation | gRPC unary: exactly one request message |
/// | `grpc.message-size` | violation | over the message limit (4 MiB), framed or inflated (RESOURCE_EXHAUSTED) |
/// | `grpc.user-agent` | warning | gRPC over HTTP/2: clients SHOULD send `user-agent` |
/// | `http.method` | violation | OTLP/HTTP: POST |
/// | `http.content-type` | violation | OTLP/HTTP: `application/x-protobuf` or `application/json` |
/// | `http.content-encoding` | violation | OTLP/HTTP: only `gzip` (or none) |
/// | `http.body-size` | violation | over the body limit (64 MiB), as sent or once inflated (413) |
/// | `compression.invalid` | violation | gzip that does not decompress (corrupt, truncated, trailing bytes) |
/// | `otlp.decode` | violation | the body is a valid protobuf / OTLP-JSON message |
/// | `otlp.json.hex-ids` | violation | OTLP/JSON: trace and span ids are hex strings, not base64 |
/// | `otlp.json.camel-case` | violation | OTLP/JSON: field names are lowerCamelCase |
/// | `otlp.json.enum-ints` | violation | OTLP/JSON: enum values are integers |
/// | `otlp.empty-request` | warning | an export with no spans, points or records |
/// | `span.trace-id` | violation | trace.proto: `trace_id` is 16 bytes, not all zero |
/// | `span.span-id` | violation | trace.proto: `span_id` is 8 bytes, not all zero |
/// | `span.parent-span-id` | violation | trace.proto: `parent_span_id` is empty or 8 bytes, not all zero |
/// | `span.trace-state` | violation | W3C Trace Context: `trace_state` uses the tracestate syntax |
/// | `span.times` | violation | trace.proto: start and end times are set and `start <= end` |
/// | `span.kind` | violation | trace.proto: a known `SpanKind` (UNSPECIFIED is a warning) |
/// | `span.kind-unspecified` | warning | trace.proto: SPAN_KIND_UNSPECIFIED should not be used |
/// | `span.status-code` | violation | trace.proto: a known `StatusCode` |
/// | `span.status-message` | warning | trace.proto: the status message is only meaningful with STATUS_CODE_ERROR |
/// | `span.name` | warning | trace.proto: the span name should not be empty |
/// | `span.event-time` | warning | an event without a timestamp |
/// | `span.link-ids` | violation | trace.proto: link trace/span ids are 16/8 bytes, not all zero |
/// | `span.duplicate-id` | violation | the same span id twice in one request |
/// | `span.duplicate-across-requests` | warning | a span already received in an earlier request (a retry?) |
/// | `attribute.key-empty` | violation | common.proto: attribute keys are non-empty |
/// | `attribute.key-duplicate` | violation | common.proto: keys are unique within one attribute list |
/// | `attribute.count` | warning | more attributes in one list than `maxAttributeCount` (128, the SDK default limit) |
/// | `attribute.value-depth` | warning | an attribute value nested deeper than `maxAttributeValueDepth` (16) |
/// | `resource.service-name` | violation | semconv: the resource has a non-empty string `service.name` |
/// | `scope.name` | warning | common.proto: the instrumentation scope name should be set |
/// | `batch.size` | violation | docs/cello-telemetry.md section 4: at most `batchSize` spans per export |
/// | `h2.protocol` | violation | HTTP/2 connection errors the wire layer reports (bad preface, truncated frames) |
struct WireRule: Sendable, Hashable {
    let id: String
    let severity: WireFinding.Severity

    private init(_ id: String, _ severity: WireFinding.Severity) {
        self.id = id
        self.severity = severity
    }

    static let grpcMethod = WireRule("grpc.method", .violation)
    static let grpcPath = WireRule("grpc.path", .violation)
    static let grpcContentType = WireRule("grpc.content-type", .violation)
    static let grpcTETrailers = WireRule("grpc.te-trailers", .violation)
    static let grpcTimeoutSyntax = WireRule("grpc.timeout-syntax", .violation)
    static let grpcEncoding = WireRule("grpc.encoding", .violation)
    static let grpcCompressedFlag = WireRule("grpc.compressed-flag", .violation)
    static let grpcFraming = WireRule("grpc.framing", .violation)
    static let grpcMessageCount = WireRule("grpc.message-count", .violation)
    static let grpcMessageSize = WireRule("grpc.message-size", .violation)
    static let grpcUserAgent = WireRule("grpc.user-agent", .warning)
    static let httpMethod = WireRule("http.method", .violation)
    static let httpContentType = WireRule("http.content-type", .violation)
    static let httpContentEncoding = WireRule("http.content-encoding", .violation)
    static let httpBodySize = WireRule("http.body-size", .violation)
    static let compressionInvalid = WireRule("compression.invalid", .violation)
    static let otlpDecode = WireRule("otlp.decode", .violation)
    static let otlpJSONHexIDs = WireRule("otlp.json.hex-ids", .violation)
    static let otlpJSONCamelCase = WireRule("otlp.json.camel-case", .violation)
    static let otlpJSONEnumInts = WireRule("otlp.json.enum-ints", .violation)
    static let otlpEmptyRequest = WireRule("otlp.empty-request", .warning)
    static let spanTraceID = WireRule("span.trace-id", .violation)
    static let spanSpanID = WireRule("span.span-id", .violation)
    static let spanParentSpanID = WireRule("span.parent-span-id", .violation)
    static let spanTraceState = WireRule("span.trace-state", .violation)
    static let spanTimes = WireRule("span.times", .violation)
    static let spanKind = WireRule("span.kind", .violation)
    static let spanKindUnspecified = WireRule("span.kind-unspecified", .warning)
    static let spanStatusCode = WireRule("span.status-code", .violation)
    static let spanStatusMessage = WireRule("span.status-message", .warning)
    static let spanName = WireRule("span.name", .warning)
    static let spanEventTime = WireRule("span.event-time", .warning)
    static let spanLinkIDs = WireRule("span.link-ids", .violation)
    static let spanDuplicateID = WireRule("span.duplicate-id", .violation)
    static let spanDuplicateAcrossRequests = WireRule("span.duplicate-across-requests", .warning)
    static let attributeKeyEmpty = WireRule("attribute.key-empty", .violation)
    static let attributeKeyDuplicate = WireRule("attribute.key-duplicate", .violation)
    static let attributeCount = WireRule("attribute.count", .warning)
    static let attributeValueDepth = WireRule("attribute.value-depth", .warning)
    static let resourceServiceName = WireRule("resource.service-name", .violation)
    static let scopeName = WireRule("scope.name", .warning)
    static let batchSize = WireRule("batch.size", .violation)
    static let h2Protocol = WireRule("h2.protocol", .violation)
}
