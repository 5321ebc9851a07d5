/// gRPC status codes the receiver answers (https://grpc.github.io/grpc/core/md_doc_statuscodes.html).
enum GRPCStatusCode {
    static let ok = 0
    static let invalidArgument = 3
    static let resourceExhausted = 8
    static let unimplemented = 12
    static let `internal` = 13
    static let unavailable = 14
}
