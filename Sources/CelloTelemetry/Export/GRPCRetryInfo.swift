/// The retry delay a gRPC server attaches to a failed status, read from `grpc-status-details-bin`.
///
/// Spec: https://opentelemetry.io/docs/specs/otlp/#otlpgrpc-throttling. The trailer holds a serialised
/// `google.rpc.Status` (field 3: repeated `google.protobuf.Any` details); the detail whose `type_url` (field 1)
/// ends in `google.rpc.RetryInfo` carries in `value` (field 2) a RetryInfo whose field 1 is a
/// `google.protobuf.Duration` (seconds = 1, nanos = 2). Decoded by hand to keep the SDK free of extra protos.
enum GRPCRetryInfo {
    static let statusDetailsKey = "grpc-status-details-bin"
    private static let retryInfoTypeSuffix = "/google.rpc.RetryInfo"

    /// The RetryInfo delay in a serialised google.rpc.Status; nil when absent or malformed.
    static func retryDelay(statusDetails: [UInt8]) -> Duration? {
        var status = ProtobufWireReader(statusDetails[...])
        do {
            while let (field, value) = try status.next() {
                guard field == 3, case .bytes(let any) = value else { continue }
                if let delay = try retryDelay(any: any) { return delay }
            }
        } catch {
            return nil
        }
        return nil
    }

    private static func retryDelay(any: ArraySlice<UInt8>) throws(ProtobufWireReader.Malformed) -> Duration? {
        var reader = ProtobufWireReader(any)
        var isRetryInfo = false
        var payload: ArraySlice<UInt8>?
        while let (field, value) = try reader.next() {
            switch (field, value) {
            case (1, .bytes(let typeURL)):
                isRetryInfo = String(decoding: typeURL, as: UTF8.self).hasSuffix(retryInfoTypeSuffix)
            case (2, .bytes(let bytes)):
                payload = bytes
            default:
                continue
            }
        }
        guard isRetryInfo, let payload else { return nil }
        var retryInfo = ProtobufWireReader(payload)
        while let (field, value) = try retryInfo.next() {
            if field == 1, case .bytes(let duration) = value { return try self.duration(duration) }
        }
        // RetryInfo without retry_delay: the server still asked for a retry, as soon as the backoff allows.
        return .zero
    }

    private static func duration(_ bytes: ArraySlice<UInt8>) throws(ProtobufWireReader.Malformed) -> Duration {
        var reader = ProtobufWireReader(bytes)
        var seconds: Int64 = 0
        var nanos: Int64 = 0
        while let (field, value) = try reader.next() {
            guard case .varint(let raw) = value else { continue }
            switch field {
            case 1: seconds = Int64(bitPattern: raw)
            case 2: nanos = Int64(Int32(truncatingIfNeeded: raw))
            default: continue
            }
        }
        guard seconds >= 0, nanos >= 0 else { return .zero }
        return .seconds(seconds) + .nanoseconds(nanos)
    }
}
