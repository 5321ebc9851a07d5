import HTTP2Wire

/// Applies a fault rule's answer to a gRPC call (docs/cello-telemetry.md section 6, fault plans); returns false when
/// the call should still be answered normally (delay, partial success, graceful GOAWAY).
enum GRPCFaultAnswer {
    /// - Parameter stallID: the stall's place in `stalls`, reserved before the record showed it.
    static func apply(_ fault: FaultRule, call: inout GRPCCall, stalls: StallRegistry? = nil, stallID: Int? = nil)
        async -> Bool
    {
        switch fault.action {
        case .delay, .partial:
            return false
        case .stall:
            // A release (FakeCollector.releaseStalls()) resets the stream with CANCEL, which ends the wait below.
            let stream = call.stream
            if let stallID { stalls?.attach(stallID) { Task { await stream.reset(errorCode: 8) } } }
            let end = await call.stream.waitForPeerClose()
            let released = stallID.map { stalls?.finish($0) ?? false } ?? false
            switch end {
            case .peerReset: call.clientGone(.clientReset, fault: .stall)
            case .completed where released: call.clientGone(.serverFault, fault: .stall)
            case .connectionClosed, .completed: call.clientGone(.connectionClosed, fault: .stall)
            }
            return true
        case .status:
            let code = fault.grpcStatus ?? GRPCStatusCode.unavailable
            await call.fail(code, fault.message ?? "fault plan: grpc-status \(code)", fault: .status,
                            retryDelayMs: fault.retryDelayMs)
            return true
        case .close:
            call.clientGone(.serverFault, fault: .close)
            await call.stream.closeConnection()
            return true
        case .goaway:
            let code = fault.errorCode ?? 0
            // A non-zero code ends the call here; it is recorded before the client can see the GOAWAY.
            if code != 0 { call.clientGone(.serverFault, fault: .goaway) }
            await call.stream.goAway(errorCode: code)
            guard code != 0 else { return false }  // graceful: the in-flight call still completes
            await call.stream.closeConnection()
            return true
        case .rstStream:
            call.clientGone(.serverFault, fault: .rstStream)
            await call.stream.reset(errorCode: fault.errorCode ?? 2)
            return true
        }
    }
}
