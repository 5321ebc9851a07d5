/// The two-sided 99.9% interval of a binomial count (normal approximation, z = 3.2905), as section 7 asks for
/// the sampling ratio. Degenerate rates (0 and 1) give the exact count.
enum Binomial {
    static let z999 = 3.2905

    static func interval(trials: Int, rate: Double) -> ClosedRange<Double> {
        let mean = Double(trials) * rate
        let spread = z999 * (Double(trials) * rate * (1 - rate)).squareRoot()
        return max(0, mean - spread)...min(Double(trials), mean + spread)
    }
}
