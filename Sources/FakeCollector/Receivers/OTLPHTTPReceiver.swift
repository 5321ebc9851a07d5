import Hummingbird
import Logging
import NIOCore

/// The OTLP/HTTP receiver: `POST /v1/traces|metrics|logs` in protobuf or JSON, optionally gzip, answered as the
/// OTLP specification says (https://opentelemetry.io/docs/specs/otlp/#otlphttp-response; docs/cello-telemetry.md
/// section 6): 200 with an Export*ServiceResponse in the request's content type, 400 with a `google.rpc.Status`
/// for bad data, 405 for another method, 413 past the body limit, 415 for an unknown content type or encoding.
struct OTLPHTTPReceiver: Sendable {
    let ingestor: ExportIngestor
    let log: RequestLog
    let faults: FaultSelector
    let maxBodyBytes: Int
    let stalls: StallRegistry

    func respond(to request: Request, context: CollectorRequestContext) async -> Response {
        let path = request.uri.path
        let headers = HTTPAnswer.headerDictionary(request.headers)
        let head = OTLPHTTPRequestHead(path: path, headers: headers)
        guard let signal = head.signal else {
            return HTTPAnswer.make(404, contentType: "text/plain", body: Array("no OTLP route \(path)\n".utf8))
        }
        let tracker = RequestTracker(
            log: log, receiver: .http, protocol: head.exportProtocol, signal: signal, path: path, headers: headers,
            compression: head.compression, grpcTimeoutMs: nil)
        var findings = FindingCollector()
        let answerEncoding = head.encoding ?? .protobuf

        func fail(_ status: Int, _ rule: WireRule, _ message: String, evidence: String, rpcCode: Int32,
                  extraHeaders: [(String, String)] = []) -> Response {
            findings.add(rule, message, evidence: evidence)
            tracker.finish(.answered, status: String(status), fault: nil, findings: findings)
            return Self.statusResponse(status, code: rpcCode, message: message, encoding: answerEncoding,
                                       headers: extraHeaders)
        }

        guard request.method == .post else {
            return fail(405, .httpMethod, "OTLP/HTTP requests must use POST", evidence: "method \(request.method)",
                        rpcCode: 12, extraHeaders: [("Allow", "POST")])
        }
        guard let encoding = head.encoding else {
            return fail(415, .httpContentType, "content-type must be application/x-protobuf or application/json",
                        evidence: "content-type \(headers["content-type"] ?? "(missing)")", rpcCode: 3)
        }
        if case .unsupported(let coding) = head.contentEncoding {
            return fail(415, .httpContentEncoding, "content-encoding must be gzip or absent",
                        evidence: "content-encoding \(coding)", rpcCode: 3)
        }
        let fault = faults.next(for: .http)
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            return fail(413, .httpBodySize, "the body exceeds the \(maxBodyBytes)-byte limit",
                        evidence: "content-length \(headers["content-length"] ?? "unknown")", rpcCode: 8)
        }
        var body = Array(buffer.readableBytesView)
        if head.contentEncoding == .gzip {
            do {
                body = try Gzip.decompress(body, limit: maxBodyBytes)
            } catch .tooLarge {
                return fail(413, .httpBodySize, "the gzip body inflates past the \(maxBodyBytes)-byte limit",
                            evidence: "\(body.count) compressed bytes", rpcCode: 8)
            } catch {
                return fail(400, .compressionInvalid, "the gzip body does not decompress",
                            evidence: "\(error) (\(body.count) bytes)", rpcCode: 3)
            }
        }
        if let fault, fault.action == .delay, let delayMs = fault.delayMs {
            try? await Task.sleep(for: .milliseconds(delayMs))
        }
        let rejecting = fault?.action == .partial ? fault?.rejectSpans ?? 0 : 0
        let storing = !(fault.map { [.status, .stall, .close, .goaway, .rstStream].contains($0.action) } ?? false)
        let result: ExportIngestor.Result
        do {
            result = try ingestor.ingest(body, signal: signal, encoding: encoding, rejecting: rejecting,
                                         storing: storing, findings: &findings)
        } catch {
            return fail(400, error.rule, error.message, evidence: "\(body.count) bytes", rpcCode: 3)
        }
        // Reserved before the record shows the stall, so whoever sees it can release it.
        let stallID = fault?.action == .stall ? stalls.reserve() : nil
        tracker.noteContents(itemCount: result.itemCount, traceIDs: result.traceIDs, serviceNames: result.serviceNames, fault: fault?.action)
        return await answer(fault: fault, signal: signal, encoding: encoding, result: result, tracker: tracker,
                            findings: findings, context: context, stallID: stallID)
    }

    private func answer(fault: FaultRule?, signal: ExportSignal, encoding: BodyEncoding, result: ExportIngestor.Result,
                        tracker: RequestTracker, findings: FindingCollector,
                        context: CollectorRequestContext, stallID: Int?) async -> Response {
        switch fault?.action {
        case .stall?:
            // Released on purpose (FakeCollector.releaseStalls()): the collector drops the connection, a server fault.
            let released = await stalls.stall(context.channel, id: stallID)
            tracker.finish(released ? .serverFault : .connectionClosed, status: nil, fault: .stall, findings: findings)
            try? await context.channel.close()
            return HTTPAnswer.make(503)
        case .close?, .goaway?, .rstStream?:
            // HTTP/1.1 has no GOAWAY or RST_STREAM: all three drop the connection without an answer.
            tracker.finish(.serverFault, status: nil, fault: fault?.action, findings: findings)
            try? await context.channel.close()
            return HTTPAnswer.make(503)
        case .status?:
            let status = fault?.httpStatus ?? 503
            var headers: [(String, String)] = []
            if let seconds = fault?.retryAfterSeconds { headers.append(("Retry-After", String(seconds))) }
            tracker.finish(.answered, status: String(status), fault: .status, findings: findings)
            return Self.statusResponse(status, code: 14, message: fault?.message ?? "fault plan: HTTP \(status)",
                                       encoding: encoding, headers: headers)
        default:
            let message = result.rejected > 0 ? fault?.message ?? "fault plan rejected \(result.rejected)" : ""
            let body = ExportResponseEncoder.encode(signal: signal, rejected: result.rejected, message: message,
                                                    encoding: encoding)
            tracker.finish(.answered, status: "200", fault: fault?.action, findings: findings)
            return HTTPAnswer.make(200, contentType: encoding.contentType, body: body)
        }
    }

    /// A failure answer: `google.rpc.Status` in the request's encoding.
    static func statusResponse(_ status: Int, code: Int32, message: String, encoding: BodyEncoding,
                               headers: [(String, String)] = []) -> Response {
        let rpcStatus = GoogleRPCStatus(code: code, message: message)
        let body = encoding == .json ? rpcStatus.json : rpcStatus.protobuf
        return HTTPAnswer.make(status, contentType: encoding.contentType, headers: headers, body: body)
    }
}
