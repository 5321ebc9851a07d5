/// The OTLP wire model shared by the SDK, the fake collector and the scenario runner.
///
/// `Generated/` holds protoc output for the OTLP trace, metrics and logs protos and their gRPC services
/// (regenerate with `scripts/generate-otlp.sh`); ``OTLPJSON`` is the OTLP/JSON codec of
/// https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding.
public enum OTLP {
    /// The version of the proto definitions the generated code comes from.
    public static let protoSource = "opentelemetry-proto (PyPI) 1.45.2"
}
