import HTTPTypes
import Hummingbird
import NIOCore

/// Builds Hummingbird responses from status, headers and bytes.
enum HTTPAnswer {
    static func make(_ status: Int, contentType: String? = nil, headers extra: [(String, String)] = [],
                     body: [UInt8] = []) -> Response {
        var headers = HTTPFields()
        if let contentType, let name = HTTPField.Name("Content-Type") { headers[name] = contentType }
        for (name, value) in extra {
            if let fieldName = HTTPField.Name(name) { headers.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(status: HTTPResponse.Status(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func json(_ status: Int, _ object: Any) -> Response {
        make(status, contentType: "application/json", body: JSONBytes.encode(object))
    }

    /// Lower-cased header names to values; repeated headers joined with ", ".
    static func headerDictionary(_ fields: HTTPFields) -> [String: String] {
        var out: [String: String] = [:]
        for field in fields {
            let name = field.name.canonicalName
            if let existing = out[name] { out[name] = existing + ", " + field.value } else { out[name] = field.value }
        }
        return out
    }
}
