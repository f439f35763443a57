import Foundation
import TSDB

/// `sum`, `avg`, `count`, `min`, `max`, `group`, `stddev`, `stdvar`, `topk`, `bottomk`,
/// `quantile` and `count_values`, with `by`/`without` grouping (Prometheus's `aggregation`).
extension Evaluator {
    private final class Group {
        let labels: Labels
        var value: Double
        var mean: Double
        var count: Int
        /// Kept samples for `topk`/`bottomk` (a heap) and `quantile` (all of them).
        var samples: [Sample]

        init(labels: Labels, first: Sample) {
            self.labels = labels
            value = first.value
            mean = first.value
            count = 1
            samples = [first]
        }
    }

    func evaluateAggregation(_ aggregation: Aggregation, at t: Milliseconds) throws(EvaluationError) -> Value {
        var numericParameter = 0.0
        var valueLabel = ""
        if let parameter = aggregation.parameter {
            if aggregation.op == .countValues {
                valueLabel = try evaluateString(parameter, at: t)
            } else {
                numericParameter = try evaluateScalar(parameter, at: t)
            }
        }
        let input = try evaluateVector(aggregation.expression, at: t)
        let out = try aggregate(aggregation.op, grouping: aggregation.grouping, without: aggregation.without,
                                parameter: numericParameter, valueLabel: valueLabel, input: input)
        return .vector(out.map { Sample(labels: $0.labels, timestamp: t, value: $0.value) })
    }

    private func aggregate(_ op: AggregationOperator, grouping groupingIn: [String], without: Bool,
                           parameter: Double, valueLabel: String, input: [Sample]) throws(EvaluationError)
        -> [Sample] {
        var k = 0
        if op == .topk || op == .bottomk {
            // Go's `convertibleToInt64`: NaN and values beyond ±2^63 are refused.
            guard parameter <= 9_223_372_036_854_774_784, parameter >= -9_223_372_036_854_775_808 else {
                throw .execution("Scalar value \(GoFloatFormat.shortest(parameter)) overflows int64")
            }
            k = parameter >= Double(Int.max) ? Int.max : Int(parameter)
            if k < 1 { return [] }
        }
        var grouping = groupingIn
        if op == .countValues {
            guard Self.isValidLabelName(valueLabel) else {
                throw .execution("invalid label name \(GoQuoting.quote(valueLabel))")
            }
            if !without { grouping.append(valueLabel) }
        }
        let groupingSorted = Set(grouping).sorted()
        let removedSet = Set(grouping).union([Labels.metricName])
        // Keyed by the group's label pairs (already in label order), which is cheaper
        // than building a `Labels` value per sample.
        var groups: [[Label]: Group] = [:]
        var ordered: [Group] = []
        for var sample in input {
            if op == .countValues {
                sample.labels = sample.labels.setting(valueLabel, to: GoFloatFormat.shortest(sample.value))
            }
            let key: [Label]
            if without {
                key = sample.labels.pairs.filter { !removedSet.contains($0.name) }
            } else {
                key = groupingSorted.compactMap { name in sample.labels[name].map { Label(name: name, value: $0) } }
            }
            guard let group = groups[key] else {
                let group = Group(labels: Labels(key), first: sample)
                switch op {
                case .stddev, .stdvar: group.value = 0
                case .group: group.value = 1
                default: break
                }
                groups[key] = group
                ordered.append(group)
                continue
            }
            let value = sample.value
            switch op {
            case .sum:
                group.value += value
            case .avg:
                group.count += 1
                if group.mean.isInfinite {
                    if value.isInfinite && (group.mean > 0) == (value > 0) { break }
                    if !value.isInfinite && !value.isNaN { break }
                }
                // Dividing each term first avoids overflowing to infinity.
                group.mean += value / Double(group.count) - group.mean / Double(group.count)
            case .group:
                break
            case .max:
                if group.value < value || group.value.isNaN { group.value = value }
            case .min:
                if group.value > value || group.value.isNaN { group.value = value }
            case .count, .countValues:
                group.count += 1
            case .stddev, .stdvar:
                group.count += 1
                let delta = value - group.mean
                group.mean += delta / Double(group.count)
                group.value += delta * (value - group.mean)
            case .topk:
                var heap = GoHeap(elements: group.samples, less: Self.topkLess)
                if heap.count < k || group.samples[0].value < value || group.samples[0].value.isNaN {
                    if heap.count == k {
                        if k == 1 {
                            group.samples[0] = sample
                            break
                        }
                        heap.pop()
                    }
                    heap.push(sample)
                    group.samples = heap.elements
                }
            case .bottomk:
                var heap = GoHeap(elements: group.samples, less: Self.bottomkLess)
                if heap.count < k || group.samples[0].value > value || group.samples[0].value.isNaN {
                    if heap.count == k {
                        if k == 1 {
                            group.samples[0] = sample
                            break
                        }
                        heap.pop()
                    }
                    heap.push(sample)
                    group.samples = heap.elements
                }
            case .quantile:
                group.samples.append(sample)
            }
        }
        var out: [Sample] = []
        for group in ordered {
            var value = group.value
            switch op {
            case .avg: value = group.mean
            case .count, .countValues: value = Double(group.count)
            case .stdvar: value = group.value / Double(group.count)
            case .stddev: value = (group.value / Double(group.count)).squareRoot()
            case .topk, .bottomk:
                // Go sorts the heap with `sort.Reverse`; small inputs use a stable insertion sort.
                let less = op == .topk ? Self.topkLess : Self.bottomkLess
                out.append(contentsOf: GoSort.sorted(group.samples) { less($1, $0) })
                continue
            case .quantile: value = Self.quantile(parameter, group.samples.map(\.value))
            default: break
            }
            out.append(Sample(labels: group.labels, timestamp: 0, value: value))
        }
        return out
    }

    /// `vectorByValueHeap.Less`: NaN first, then ascending.
    static let topkLess: @Sendable (Sample, Sample) -> Bool = { lhs, rhs in
        lhs.value.isNaN || lhs.value < rhs.value
    }

    /// `vectorByReverseValueHeap.Less`: NaN first, then descending.
    static let bottomkLess: @Sendable (Sample, Sample) -> Bool = { lhs, rhs in
        lhs.value.isNaN || lhs.value > rhs.value
    }

    /// Prometheus's `quantile`: linear interpolation between the closest ranks; q < 0 is
    /// -Inf, q > 1 is +Inf, no values is NaN.
    static func quantile(_ q: Double, _ values: [Double]) -> Double {
        if values.isEmpty { return .nan }
        if q < 0 { return -.infinity }
        if q > 1 { return .infinity }
        let sorted = GoSort.sorted(values) { $0.isNaN || $0 < $1 }
        let n = Double(sorted.count)
        let rank = q * (n - 1)
        let lower = Swift.max(0, rank.rounded(.down))
        let upper = Swift.min(n - 1, lower + 1)
        let weight = rank - rank.rounded(.down)
        guard lower.isFinite, upper.isFinite else { return .nan }
        return sorted[Int(lower)] * (1 - weight) + sorted[Int(upper)] * weight
    }

    /// `^[a-zA-Z_][a-zA-Z0-9_]*$`, Prometheus's label name rule.
    static func isValidLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first else { return false }
        func letter(_ byte: UInt8) -> Bool {
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
        }
        return letter(first) && name.utf8.allSatisfy { letter($0) || ($0 >= 48 && $0 <= 57) }
    }
}
