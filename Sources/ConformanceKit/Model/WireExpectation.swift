/// What the collector saw on the wire: protocol, compression and no violation findings.
public struct WireExpectation: Sendable, Hashable {
    public var exportProtocol: String?
    public var compression: String?
    public var noViolations: Bool
    /// The services it is about; empty means every service of the scenario.
    public var services: [String] = []
    public init(exportProtocol: String? = nil, compression: String? = nil, noViolations: Bool = true) {
        self.exportProtocol = exportProtocol
        self.compression = compression
        self.noViolations = noViolations
    }
}
