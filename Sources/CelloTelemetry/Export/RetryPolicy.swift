/// Exponential backoff with jitter for OTLP export retries.
///
/// Spec: docs/cello-telemetry.md section 4 ("retry with exponential backoff and jitter inside that deadline");
/// https://opentelemetry.io/docs/specs/otlp/#otlpgrpc-throttling. The n-th retry (n from 0) waits
/// `min(maxBackoff, initialBackoff * multiplier^n)` scaled by a factor drawn from `1 - jitter ... 1 + jitter`.
/// A delay the server asks for (RetryInfo, Retry-After) replaces the computed one.
public struct RetryPolicy: Sendable, Hashable {
    /// Wait before the first retry. - Default: 100 ms.
    public var initialBackoff: Duration
    /// Upper bound of the computed wait (before jitter). - Default: 5 s.
    public var maxBackoff: Duration
    /// Growth per retry. - Default: 2.
    public var multiplier: Double
    /// Relative spread, 0 ... 1: 0.2 draws the factor from 0.8 ... 1.2. - Default: 0.2.
    public var jitter: Double
    /// Attempts in total (first try included); the deadline usually ends retries first. - Default: 10.
    public var maxAttempts: Int

    public init(
        initialBackoff: Duration = .milliseconds(100),
        maxBackoff: Duration = .seconds(5),
        multiplier: Double = 2,
        jitter: Double = 0.2,
        maxAttempts: Int = 10
    ) {
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.multiplier = multiplier
        self.jitter = min(max(jitter, 0), 1)
        self.maxAttempts = max(maxAttempts, 1)
    }

    /// The defaults above.
    public static let `default` = RetryPolicy()

    /// The wait before retry number `retry` (0 = the first retry), `unit` a uniform draw from 0 ..< 1.
    public func backoff(retry: Int, unit: Double) -> Duration {
        let initial = Self.seconds(initialBackoff)
        let cap = Self.seconds(maxBackoff)
        var base = initial
        var step = 0
        while step < retry, base < cap {  // stops growing once capped, so a huge retry count costs nothing
            base *= multiplier
            step += 1
        }
        base = min(base, cap)
        let factor = 1 - jitter + 2 * jitter * min(max(unit, 0), 1)
        return .nanoseconds(Int64((base * factor * 1e9).rounded()))
    }

    /// The wait before retry number `retry`, jitter from the system generator.
    public func backoff(retry: Int) -> Duration {
        backoff(retry: retry, unit: Double.random(in: 0..<1))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
