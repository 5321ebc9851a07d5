import CelloHTTP
import Foundation

/// The one line a launcher waits for: `ready http=HOST:PORT`, written and flushed at once.
enum ReadyLine {
    static func print(_ address: ListeningAddress) {
        FileHandle.standardOutput.write(Data("ready http=\(address)\n".utf8))
    }
}
