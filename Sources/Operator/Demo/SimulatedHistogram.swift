import Exposition

/// A Prometheus-style histogram being filled by the simulation: cumulative buckets are
/// produced when written, so observing stays one increment.
struct SimulatedHistogram: Sendable, Equatable {
    /// Upper bounds in increasing order; `+Inf` is implied.
    let bounds: [Double]
    private(set) var counts: [Int]
    private(set) var sum = 0.0
    private(set) var count = 0

    init(bounds: [Double]) {
        self.bounds = bounds
        self.counts = Array(repeating: 0, count: bounds.count)
    }

    mutating func observe(_ value: Double) {
        count += 1
        sum += value
        if let index = bounds.firstIndex(where: { value <= $0 }) {
            counts[index] += 1
        }
    }

    /// `_bucket` (cumulative, with `le` as Go clients write it: `1`, `0.25`, `+Inf`), `_sum`
    /// and `_count` samples named after `name`, each carrying `labels`.
    func samples(name: String, labels: [String: String]) -> [ExpositionSample] {
        var samples: [ExpositionSample] = []
        var cumulative = 0
        for (bound, bucketCount) in zip(bounds, counts) {
            cumulative += bucketCount
            samples.append(Self.sample(name + "_bucket", labels, le: Self.leText(bound), Double(cumulative)))
        }
        samples.append(Self.sample(name + "_bucket", labels, le: "+Inf", Double(count)))
        samples.append(Self.sample(name + "_sum", labels, le: nil, sum))
        samples.append(Self.sample(name + "_count", labels, le: nil, Double(count)))
        return samples
    }

    /// Integers without a fraction (`1`, not `1.0`), as Go clients write `le`.
    static func leText(_ bound: Double) -> String {
        if bound.magnitude < 1e15, bound == bound.rounded() { return String(Int64(bound)) }
        return bound.description
    }

    private static func sample(_ name: String, _ labels: [String: String], le: String?, _ value: Double) -> ExpositionSample {
        var all = labels
        all[Labels.metricNameLabel] = name
        if let le { all["le"] = le }
        return ExpositionSample(labels: Labels(all), value: value)
    }
}
