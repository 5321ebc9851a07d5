import CelloOTLP
import Foundation

extension TraceID {
    /// The 16 big-endian bytes OTLP carries in `trace_id`.
    var protoBytes: Data {
        var data = Data(count: 16)
        data.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: hi.bigEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: lo.bigEndian, toByteOffset: 8, as: UInt64.self)
        }
        return data
    }
}

extension SpanID {
    /// The 8 big-endian bytes OTLP carries in `span_id` / `parent_span_id`.
    var protoBytes: Data {
        var data = Data(count: 8)
        data.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: value.bigEndian, toByteOffset: 0, as: UInt64.self)
        }
        return data
    }
}

extension SpanContext {
    /// OTLP `flags` of a span or link: the W3C trace flags in bits 0-7; for a link, whose remoteness is known,
    /// also `SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK` (0x100) and, if remote, `SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK`
    /// (0x200).
    ///
    /// Spec: opentelemetry/proto/trace/v1/trace.proto, `enum SpanFlags`.
    func protoFlags(includingRemoteness: Bool) -> UInt32 {
        var flags = UInt32(traceFlags.rawValue)
        if includingRemoteness {
            flags |= 0x100
            if isRemote { flags |= 0x200 }
        }
        return flags
    }
}
