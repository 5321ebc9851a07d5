import Foundation
import HTTP2Wire

/// The OTLP/gRPC receiver over HTTP2Wire (docs/cello-telemetry.md section 6; gRPC over HTTP/2,
/// https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md): judges the headers and framing, decodes
/// `Export` requests of the three OTLP services, stores spans, and answers with the response message and
/// `grpc-status` trailers, or the fault the plan asks for.
struct GRPCReceiver: Sendable {
    let ingestor: ExportIngestor
    let log: RequestLog
    let faults: FaultSelector
    let maxMessageBytes: Int
    /// Holds stalled calls so ``FakeCollector/releaseStalls()`` can let them go.
    var stalls: StallRegistry? = nil

    func handle(_ stream: HTTP2ServerStream) async {
        var findings = FindingCollector()
        let head = GRPCRequestHead(stream.requestHeaders, findings: &findings)
        guard let signal = head.signal else {
            for finding in findings.findings(requestId: nil) { log.addConnectionFinding(finding) }
            await GRPCAnswer.status(stream, GRPCStatusCode.unimplemented, "unknown method \(head.path)")
            return
        }
        let tracker = RequestTracker(
            log: log, receiver: .grpc, protocol: .grpc, signal: signal, path: head.path, headers: head.headers,
            compression: head.encoding == .gzip ? "gzip" : "none", grpcTimeoutMs: head.timeoutMs)
        var call = GRPCCall(stream: stream, tracker: tracker, findings: findings)
        guard head.method == "POST" else {
            await call.httpStatus(405)
            return
        }
        guard head.contentTypeValid else {
            await call.httpStatus(415)
            return
        }
        if case .unsupported(let name) = head.encoding {
            await call.fail(GRPCStatusCode.unimplemented, "grpc-encoding \(name) is not supported",
                            extra: [HTTP2Header("grpc-accept-encoding", "gzip,identity")])
            return
        }
        let fault = faults.next(for: .grpc)
        guard let message = await readMessage(head, &call) else { return }
        if let fault, fault.action == .delay, let delayMs = fault.delayMs {
            try? await Task.sleep(for: .milliseconds(delayMs))
        }
        let rejecting = fault?.action == .partial ? fault?.rejectSpans ?? 0 : 0
        let storing = fault.map(Self.keepsSpans) ?? true
        let result: ExportIngestor.Result
        do {
            result = try ingestor.ingest(message, signal: signal, encoding: .protobuf, rejecting: rejecting,
                                         storing: storing, findings: &call.findings)
        } catch {
            await call.fail(GRPCStatusCode.invalidArgument, error.message, rule: error.rule)
            return
        }
        // Reserved before the record shows the stall, so whoever sees it can release it.
        let stallID = fault?.action == .stall ? stalls?.reserve() : nil
        tracker.noteContents(itemCount: result.itemCount, traceIDs: result.traceIDs, serviceNames: result.serviceNames, fault: fault?.action)
        if let fault, await GRPCFaultAnswer.apply(fault, call: &call, stalls: stalls, stallID: stallID) { return }
        let text = result.rejected > 0 ? fault?.message ?? "fault plan rejected \(result.rejected)" : ""
        let response = ExportResponseEncoder.encode(signal: signal, rejected: result.rejected, message: text,
                                                    encoding: .protobuf)
        await call.succeed(response, fault: fault?.action)
    }

    /// Whether spans are stored under a fault: not when the client sees the export fail (it will retry them).
    static func keepsSpans(_ fault: FaultRule) -> Bool {
        switch fault.action {
        case .delay, .partial: true
        case .goaway: (fault.errorCode ?? 0) == 0
        case .status, .stall, .close, .rstStream: false
        }
    }

    /// Reads the body and returns the one request message, decompressed; answers and returns nil on any failure.
    private func readMessage(_ head: GRPCRequestHead, _ call: inout GRPCCall) async -> [UInt8]? {
        let body: [UInt8]
        do {
            body = try await call.stream.readBody(upTo: maxMessageBytes + 5)
        } catch {
            if error.code == .bodyTooLarge {
                await call.fail(GRPCStatusCode.resourceExhausted, "message larger than \(maxMessageBytes) bytes",
                                rule: .grpcMessageSize)
            } else {
                call.clientGone(error.code == .streamReset ? .clientReset : .connectionClosed)
            }
            return nil
        }
        let messages: [GRPCMessageReader.Message]
        do {
            messages = try GRPCMessageReader.split(body, maxMessageBytes: maxMessageBytes)
        } catch .tooLarge(let announced) {
            await call.fail(GRPCStatusCode.resourceExhausted,
                            "message of \(announced) bytes exceeds the \(maxMessageBytes)-byte limit",
                            rule: .grpcMessageSize)
            return nil
        } catch {
            await call.fail(GRPCStatusCode.invalidArgument, "malformed length-prefixed message: \(error)",
                            rule: .grpcFraming)
            return nil
        }
        guard messages.count == 1, let message = messages.first else {
            await call.fail(GRPCStatusCode.invalidArgument, "a unary call carries exactly one message, got \(messages.count)",
                            rule: .grpcMessageCount)
            return nil
        }
        switch (message.compressedFlag, head.encoding) {
        case (0, _):
            return Array(message.bytes)
        case (1, .gzip):
            do {
                return try Gzip.decompress(message.bytes, limit: maxMessageBytes)
            } catch .tooLarge {
                await call.fail(GRPCStatusCode.resourceExhausted,
                                "message inflates past the \(maxMessageBytes)-byte limit", rule: .grpcMessageSize)
            } catch {
                await call.fail(GRPCStatusCode.internal, "message does not decompress: \(error)",
                                rule: .compressionInvalid)
            }
            return nil
        case (1, _):
            await call.fail(GRPCStatusCode.internal, "compressed flag set without a grpc-encoding",
                            rule: .grpcCompressedFlag)
            return nil
        default:
            await call.fail(GRPCStatusCode.internal, "compressed flag must be 0 or 1, got \(message.compressedFlag)",
                            rule: .grpcCompressedFlag)
            return nil
        }
    }
}
