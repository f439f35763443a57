/// The type of a metric family, as declared by a `# TYPE` line.
///
/// The Prometheus text format 0.0.4 knows `counter`, `gauge`, `histogram`, `summary` and
/// `untyped`; OpenMetrics 1.0 adds `gaugehistogram`, `stateset` and `info` and calls an
/// undeclared type `unknown` (it rejects the word `untyped`).
public enum MetricType: String, Sendable, Hashable, CaseIterable {
    case counter
    case gauge
    case histogram
    case summary
    case untyped
    case info
    case stateset
    case gaugehistogram
    case unknown

    /// The types a `# TYPE` line may name in the Prometheus text format 0.0.4.
    static let textFormatTypes: [MetricType] = [.counter, .gauge, .histogram, .summary, .untyped]

    /// The types a `# TYPE` line may name in OpenMetrics 1.0.
    static let openMetricsTypes: [MetricType] = [
        .counter, .gauge, .histogram, .gaugehistogram, .stateset, .info, .summary, .unknown,
    ]

    /// Matches `bytes[range]` against the names in `allowed` without building a `String`.
    static func match(_ bytes: [UInt8], _ range: Range<Int>, in allowed: [MetricType]) -> MetricType? {
        for type in allowed where type.rawValue.utf8.elementsEqual(bytes[range]) {
            return type
        }
        return nil
    }
}
