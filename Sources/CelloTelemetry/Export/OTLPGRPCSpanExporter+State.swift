import GRPCCore
import GRPCNIOTransportHTTP2

extension OTLPGRPCSpanExporter {
    /// Who owns the gRPC connection: `run()` (a long-lived client) or, while it is not running, each export
    /// (a client scoped to that export).
    enum State {
        case idle
        case running(GRPCClient<HTTP2ClientTransport.Posix>)
        case shutDown

        enum RunAction {
            case runConnections
            case returnAtOnce
        }

        enum ExportAction {
            case useRunningClient(GRPCClient<HTTP2ClientTransport.Posix>)
            case useScopedClient
            case fail
        }

        enum ShutdownAction {
            case stopClient(GRPCClient<HTTP2ClientTransport.Posix>)
            case none
        }

        mutating func run(_ client: GRPCClient<HTTP2ClientTransport.Posix>) -> RunAction {
            switch self {
            case .idle:
                self = .running(client)
                return .runConnections
            case .running, .shutDown:
                return .returnAtOnce
            }
        }

        mutating func runFinished() {
            if case .running = self { self = .idle }
        }

        func export() -> ExportAction {
            switch self {
            case .idle: return .useScopedClient
            case .running(let client): return .useRunningClient(client)
            case .shutDown: return .fail
            }
        }

        mutating func shutdown() -> ShutdownAction {
            let action: ShutdownAction
            if case .running(let client) = self { action = .stopClient(client) } else { action = .none }
            self = .shutDown
            return action
        }
    }
}
