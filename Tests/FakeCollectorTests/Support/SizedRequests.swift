import CelloOTLP
import FakeCollector
import Foundation
import SwiftProtobuf

/// Valid trace exports of an exact encoded size, or with attributes at an exact count or nesting depth: what the
/// limit tests put right at a bound and one step past it.
enum SizedRequests {
    struct SizeUnreachable: Error {
        var target: Int
        var closest: Int
    }

    /// A one-span trace export whose protobuf encoding is exactly `size` bytes; a `padding` bytes attribute makes up
    /// the size (bytes, not a string: nothing to validate as UTF-8, so 64 MiB stay cheap; it compresses to almost
    /// nothing, which makes the gzip form of it a bomb).
    static func trace(encodedSize size: Int) throws
        -> Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest
    {
        var request = Fixtures.traceRequest(spanCount: 1)
        var padding = Opentelemetry_Proto_Common_V1_KeyValue()
        padding.key = "padding"
        request.resourceSpans[0].scopeSpans[0].spans[0].attributes.append(padding)
        var length = max(0, size - 256)
        var measured = 0
        // Sizes grow one to one with the padding within a varint length bracket; a few rounds settle any bracket step.
        for _ in 0..<4 {
            request.resourceSpans[0].scopeSpans[0].spans[0].attributes[1].value.bytesValue =
                Data(repeating: UInt8(ascii: "p"), count: length)
            let bytes: [UInt8] = try request.serializedBytes()
            measured = bytes.count
            if measured == size { return request }
            length += size - measured
            guard length >= 0 else { break }
        }
        throw SizeUnreachable(target: size, closest: measured)
    }

    /// The encoding of ``trace(encodedSize:)``.
    static func traceBytes(encodedSize size: Int) throws -> [UInt8] {
        let bytes: [UInt8] = try trace(encodedSize: size).serializedBytes()
        return bytes
    }

    /// A one-span trace export whose span carries `count` attributes.
    static func trace(attributeCount count: Int) -> Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest {
        var request = Fixtures.traceRequest(spanCount: 1)
        request.resourceSpans[0].scopeSpans[0].spans[0].attributes = (0..<count).map { index in
            var attribute = Opentelemetry_Proto_Common_V1_KeyValue()
            attribute.key = "attribute.\(index)"
            attribute.value.intValue = Int64(index)
            return attribute
        }
        return request
    }

    /// A one-span trace export whose attribute `nested` has a value `depth` levels deep: kvlists and arrays in turn,
    /// a string at the bottom (depth 1 is the bare string).
    static func trace(valueDepth depth: Int) -> Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest {
        var value = Opentelemetry_Proto_Common_V1_AnyValue()
        value.stringValue = "bottom"
        for level in 1..<max(depth, 1) {
            var wrapper = Opentelemetry_Proto_Common_V1_AnyValue()
            if level.isMultiple(of: 2) {
                var array = Opentelemetry_Proto_Common_V1_ArrayValue()
                array.values = [value]
                wrapper.arrayValue = array
            } else {
                var entry = Opentelemetry_Proto_Common_V1_KeyValue()
                entry.key = "level\(level)"
                entry.value = value
                var list = Opentelemetry_Proto_Common_V1_KeyValueList()
                list.values = [entry]
                wrapper.kvlistValue = list
            }
            value = wrapper
        }
        var request = Fixtures.traceRequest(spanCount: 1)
        var attribute = Opentelemetry_Proto_Common_V1_KeyValue()
        attribute.key = "nested"
        attribute.value = value
        request.resourceSpans[0].scopeSpans[0].spans[0].attributes.append(attribute)
        return request
    }
}
