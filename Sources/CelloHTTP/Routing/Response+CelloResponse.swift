import Hummingbird
import NIOCore

extension Response {
    /// The Hummingbird response of a handler's answer: the body goes out as one buffer with its Content-Length.
    init(_ response: CelloResponse) {
        self.init(
            status: response.status,
            headers: response.headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body))
        )
    }
}
