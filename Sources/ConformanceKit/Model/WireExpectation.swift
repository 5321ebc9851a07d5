/// What the collector saw on the wire: protocol, compression and no violation findings.
public struct WireExpectation: Sendable, Hashable {
    public var exportProtocol: String?
    public var compression: String?
    public var noViolations: Bool
    public init(exportProtocol: String? = nil, compression: String? = nil, noViolations: Bool = true) {
        self.exportProtocol = exportProtocol
        self.compression = compression
        self.noViolations = noViolations
    }
}
