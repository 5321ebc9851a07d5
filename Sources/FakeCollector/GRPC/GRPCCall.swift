import Foundation
import HTTP2Wire

/// One gRPC call in progress: the stream, its harness record and findings, and the ways it can be answered.
struct GRPCCall: Sendable {
    let stream: HTTP2ServerStream
    let tracker: RequestTracker
    var findings: FindingCollector

    static let responseHeaders = [HTTP2Header(":status", "200"), HTTP2Header("content-type", "application/grpc")]

    /// Answers the response message with `grpc-status: 0`.
    mutating func succeed(_ response: [UInt8], fault: FaultAction?) async {
        do {
            try await stream.sendHeaders(Self.responseHeaders)
            try await stream.sendData(GRPCMessageReader.frame(response))
            // Recorded before the trailers go out, so a client that saw the answer also sees the record.
            tracker.finish(.answered, status: "0", fault: fault, findings: findings)
            try await stream.sendTrailers([HTTP2Header("grpc-status", "0")])
        } catch {
            clientGone(error.code == .streamReset ? .clientReset : .connectionClosed, fault: fault)
        }
    }

    /// Answers a non-OK status trailers-only, noting the finding that caused it.
    mutating func fail(_ code: Int, _ message: String, rule: WireRule? = nil, extra: [HTTP2Header] = [],
                       fault: FaultAction? = nil, retryDelayMs: Int? = nil) async {
        if let rule { findings.add(rule, message, evidence: "answered grpc-status \(code)") }
        tracker.finish(.answered, status: String(code), fault: fault, findings: findings)
        await GRPCAnswer.status(stream, code, message, extra: extra, retryDelayMs: retryDelayMs)
    }

    /// Answers a bare HTTP status (wrong method or content type: the request is not gRPC at all).
    mutating func httpStatus(_ status: Int) async {
        tracker.finish(.answered, status: String(status), fault: nil, findings: findings)
        try? await stream.sendHeaders([HTTP2Header(":status", String(status))], endStream: true)
    }

    func clientGone(_ end: RequestEnd, fault: FaultAction? = nil) {
        tracker.finish(end, status: nil, fault: fault, findings: findings)
    }
}
