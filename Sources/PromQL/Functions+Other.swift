import Foundation
import TSDB

/// Functions that are neither range functions nor element-wise math: clamping, rounding,
/// sorting, conversion between scalars and vectors, `absent`, labels and histograms.
extension Functions {
    static let otherFunctions: [String: InstantFunction] = [
        "clamp": { input throws(EvaluationError) in
            let (low, high) = (try input.scalar(1), try input.scalar(2))
            if high < low { return .vector([]) }
            return .vector(try input.vector(0).map { $0.with(value: goMax(low, goMin(high, $0.value))) })
        },
        "clamp_max": { input throws(EvaluationError) in
            let high = try input.scalar(1)
            return .vector(try input.vector(0).map { $0.with(value: goMin(high, $0.value)) })
        },
        "clamp_min": { input throws(EvaluationError) in
            let low = try input.scalar(1)
            return .vector(try input.vector(0).map { $0.with(value: goMax(low, $0.value)) })
        },
        "round": { input throws(EvaluationError) in
            let nearest = input.arguments.count > 1 ? try input.scalar(1) : 1
            let inverse = 1 / nearest
            return .vector(try input.vector(0).map {
                $0.with(value: ($0.value * inverse + 0.5).rounded(.down) / inverse)
            })
        },
        "timestamp": { input throws(EvaluationError) in
            .vector(try input.vector(0).map { $0.with(value: Double(input.evaluationTime) / 1000) })
        },
        "sort": { input throws(EvaluationError) in
            // Ascending with NaN last, as Prometheus's reversed heap order gives.
            .vector(GoSort.sorted(try input.vector(0)) { $1.value.isNaN || $1.value > $0.value })
        },
        "sort_desc": { input throws(EvaluationError) in
            .vector(GoSort.sorted(try input.vector(0)) { $1.value.isNaN || $1.value < $0.value })
        },
        "vector": { input throws(EvaluationError) in
            .vector([Sample(labels: Labels(), timestamp: input.evaluationTime, value: try input.scalar(0))])
        },
        "scalar": { input throws(EvaluationError) in
            let samples = try input.vector(0)
            return .scalar(samples.count == 1 ? samples[0].value : .nan)
        },
        "time": { .scalar(Double($0.evaluationTime) / 1000) },
        "pi": { _ in .scalar(Double.pi) },
        "absent": { input throws(EvaluationError) in
            guard try input.vector(0).isEmpty else { return .vector([]) }
            var labels = Labels()
            switch input.expressions.first {
            case .vectorSelector(let selector)?: labels = absentLabels(selector.allMatchers)
            default: break
            }
            return .vector([Sample(labels: labels, timestamp: input.evaluationTime, value: 1)])
        },
        "label_replace": { input throws(EvaluationError) in try labelReplace(input) },
        "label_join": { input throws(EvaluationError) in try labelJoin(input) },
        "histogram_quantile": { input throws(EvaluationError) in
            .vector(histogramQuantile(try input.scalar(0), try input.vector(1), at: input.evaluationTime))
        },
        // Native histograms only: float samples produce no output.
        "histogram_count": { _ in .vector([]) },
        "histogram_sum": { _ in .vector([]) },
        "histogram_fraction": { _ in .vector([]) },
    ]

    /// Go's `math.Max`: +Inf wins, then NaN; +0 beats -0.
    static func goMax(_ lhs: Double, _ rhs: Double) -> Double {
        if lhs == .infinity || rhs == .infinity { return .infinity }
        if lhs.isNaN || rhs.isNaN { return .nan }
        if lhs == 0 && rhs == 0 { return lhs.sign == .minus ? rhs : lhs }
        return lhs > rhs ? lhs : rhs
    }

    /// Go's `math.Min`: -Inf wins, then NaN; -0 beats +0.
    static func goMin(_ lhs: Double, _ rhs: Double) -> Double {
        if lhs == -.infinity || rhs == -.infinity { return -.infinity }
        if lhs.isNaN || rhs.isNaN { return .nan }
        if lhs == 0 && rhs == 0 { return lhs.sign == .minus ? lhs : rhs }
        return lhs < rhs ? lhs : rhs
    }
}

extension Sample {
    /// The sample with a new value and without its metric name.
    func with(value: Double) -> Sample {
        Sample(labels: labels.droppingMetricName, timestamp: timestamp, value: value)
    }
}
