/// This SDK's version, as reported in the scope and `telemetry.sdk.version`.
///
/// Spec: https://opentelemetry.io/docs/specs/semconv/resource/#telemetry-sdk
public enum CelloTelemetryVersion {
    public static let string = "0.1.0"

    /// The product token exporters send first in `user-agent`: SDK name, language, version.
    ///
    /// Spec: https://opentelemetry.io/docs/specs/otel/protocol/exporter/#user-agent
    static let userAgent = "cello-telemetry-swift/\(string)"
}
