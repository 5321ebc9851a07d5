import Foundation
import HTTP2Wire

/// Trailers-only gRPC answers (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md, Responses).
enum GRPCAnswer {
    static func status(_ stream: HTTP2ServerStream, _ code: Int, _ message: String, extra: [HTTP2Header] = [],
                       retryDelayMs: Int? = nil) async {
        var headers = GRPCCall.responseHeaders
        headers.append(HTTP2Header("grpc-status", String(code)))
        if !message.isEmpty { headers.append(HTTP2Header("grpc-message", GRPCPercentEncoding.encode(message))) }
        if let retryDelayMs {
            let details = GoogleRPCStatus(code: Int32(code), message: message, retryDelayMs: retryDelayMs).protobuf
            let base64 = Data(details).base64EncodedString().replacingOccurrences(of: "=", with: "")
            headers.append(HTTP2Header("grpc-status-details-bin", base64))
        }
        headers.append(contentsOf: extra)
        try? await stream.sendHeaders(headers, endStream: true)
    }
}
