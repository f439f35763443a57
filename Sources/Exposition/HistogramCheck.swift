/// The OpenMetrics consistency rules for one histogram or gauge histogram, checked per
/// group of samples sharing labels (other than `le`) and timestamp.
struct HistogramCheck {
    private struct Run {
        var group: Labels
        var timestamp: Double?
        var count: Double?
        var highestBound: Double?
        var lastBucketValue: Double = 0
        var hasNegativeBuckets = false
        var hasSum = false
        var hasGaugeSum = false
        var hasNegativeGaugeSum = false
    }

    private var run: Run?

    /// Adds one sample of the family; `bound` is the parsed `le` of a `_bucket` sample.
    mutating func add(
        suffix: String, value: Double, bound: Double?, group: Labels, timestamp: Double?
    ) throws(OpenMetricsValidator.Failure) {
        if let current = run, current.group != group || current.timestamp != timestamp {
            try Self.check(current)
            run = nil
        }
        var current = run ?? Run(group: group, timestamp: timestamp)
        switch suffix {
        case "_bucket":
            let bound = bound ?? .nan
            if bound < 0 { current.hasNegativeBuckets = true }
            if let previous = current.highestBound, !(bound > previous) {
                throw OpenMetricsValidator.Failure("histogram buckets must be in increasing order of le")
            }
            if value < current.lastBucketValue {
                throw OpenMetricsValidator.Failure("histogram bucket values must not decrease")
            }
            current.highestBound = bound
            current.lastBucketValue = value
        case "_count", "_gcount":
            current.count = value
        case "_sum":
            current.hasSum = true
        case "_gsum":
            current.hasGaugeSum = true
            if value < 0 { current.hasNegativeGaugeSum = true }
        default:
            break
        }
        run = current
    }

    /// Checks the last group; call when the family ends.
    mutating func finish() throws(OpenMetricsValidator.Failure) {
        if let current = run { try Self.check(current) }
        run = nil
    }

    private static func check(_ run: Run) throws(OpenMetricsValidator.Failure) {
        typealias Failure = OpenMetricsValidator.Failure
        guard run.highestBound == .infinity else { throw Failure("histogram has no +Inf bucket") }
        if let count = run.count, count != run.lastBucketValue {
            throw Failure("histogram count does not match its +Inf bucket")
        }
        if run.hasSum && run.count == nil { throw Failure("histogram has _sum but no _count") }
        if run.hasGaugeSum && run.count == nil { throw Failure("gauge histogram has _gsum but no _gcount") }
        if !(run.hasSum || run.hasGaugeSum) && run.count != nil {
            throw Failure("histogram has a count but no sum")
        }
        if run.hasNegativeBuckets && run.hasSum { throw Failure("histogram with negative buckets cannot have _sum") }
        if !run.hasNegativeBuckets && run.hasNegativeGaugeSum {
            throw Failure("gauge histogram without negative buckets cannot have a negative _gsum")
        }
    }
}
