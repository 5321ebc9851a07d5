/// The exporter of a disabled SDK: accepts and discards.
///
/// Spec: https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/#general-sdk-configuration (OTEL_SDK_DISABLED)
struct DiscardingSpanExporter: SpanExporter {
    func export(_ batch: [FinishedSpan]) async throws {}
    func forceFlush() async throws {}
    func shutdown() async {}
}
