import Foundation
import TSDB

/// Range-vector functions: `rate` and friends, `*_over_time`, regression and smoothing.
extension Functions {
    static let rangeFunctions: [String: RangeFunction] = [
        "rate": { extrapolatedRate($0, isCounter: true, isRate: true) },
        "increase": { extrapolatedRate($0, isCounter: true, isRate: false) },
        "delta": { extrapolatedRate($0, isCounter: false, isRate: false) },
        "irate": { instantValue($0.points, isRate: true) },
        "idelta": { instantValue($0.points, isRate: false) },
        "changes": { input in
            var changes = 0.0
            var previous = input.points.first?.v ?? 0
            for point in input.points.dropFirst() {
                if point.v != previous && !(point.v.isNaN && previous.isNaN) { changes += 1 }
                previous = point.v
            }
            return changes
        },
        "resets": { input in
            var resets = 0.0
            var previous = input.points.first?.v ?? 0
            for point in input.points.dropFirst() {
                if point.v < previous { resets += 1 }
                previous = point.v
            }
            return resets
        },
        "deriv": { input in
            // Less than two points cannot define a slope.
            guard input.points.count >= 2, let first = input.points.first else { return nil }
            return linearRegression(input.points, interceptTime: first.t).slope
        },
        "predict_linear": { input in
            guard input.points.count >= 2, let duration = input.scalars.first else { return nil }
            let (slope, intercept) = linearRegression(input.points, interceptTime: input.evaluationTime)
            return intercept + slope * duration
        },
        "holt_winters": { input throws(EvaluationError) in try holtWinters(input) },
        "avg_over_time": { input in
            var mean = 0.0
            var compensation = 0.0
            var count = 0.0
            for point in input.points {
                count += 1
                if mean.isInfinite {
                    // Inf - Inf would turn a correct infinite mean into NaN.
                    if point.v.isInfinite && (mean > 0) == (point.v > 0) { continue }
                    if !point.v.isInfinite && !point.v.isNaN { continue }
                }
                (mean, compensation) = kahanAdd(point.v / count - mean / count, to: mean, compensation)
            }
            return mean.isInfinite ? mean : mean + compensation
        },
        "count_over_time": { Double($0.points.count) },
        "sum_over_time": { input in
            var sum = 0.0
            var compensation = 0.0
            for point in input.points { (sum, compensation) = kahanAdd(point.v, to: sum, compensation) }
            return sum.isInfinite ? sum : sum + compensation
        },
        "max_over_time": { input in
            var result = input.points.first?.v ?? .nan
            for point in input.points where point.v > result || result.isNaN { result = point.v }
            return result
        },
        "min_over_time": { input in
            var result = input.points.first?.v ?? .nan
            for point in input.points where point.v < result || result.isNaN { result = point.v }
            return result
        },
        "quantile_over_time": { input in
            Evaluator.quantile(input.scalars.first ?? .nan, input.points.map(\.v))
        },
        "stddev_over_time": { variance($0.points).squareRoot() },
        "stdvar_over_time": { variance($0.points) },
        "last_over_time": { $0.points.last?.v },
        "present_over_time": { _ in 1 },
        // Handled by the evaluator: output exists only when no series has samples.
        "absent_over_time": { _ in nil },
    ]

    /// `rate`, `increase` and `delta`: the change over the window, extrapolated towards its
    /// edges (but not past where a counter would have been zero), counter resets corrected.
    static func extrapolatedRate(_ input: RangeFunctionInput, isCounter: Bool, isRate: Bool) -> Double? {
        let points = input.points
        guard points.count >= 2, let first = points.first, let last = points.last else { return nil }
        var result = last.v - first.v
        if isCounter {
            var previous = 0.0
            for point in points {
                if point.v < previous { result += previous }
                previous = point.v
            }
        }
        // Wrapping subtraction, as Go's int64 arithmetic behaves on absurd `@` times.
        var durationToStart = Double(first.t &- input.windowStart) / 1000
        let durationToEnd = Double(input.windowEnd &- last.t) / 1000
        let sampledInterval = Double(last.t - first.t) / 1000
        let averageInterval = sampledInterval / Double(points.count - 1)
        if isCounter && result > 0 && first.v >= 0 {
            let durationToZero = sampledInterval * (first.v / result)
            if durationToZero < durationToStart { durationToStart = durationToZero }
        }
        let threshold = averageInterval * 1.1
        var interval = sampledInterval
        interval += durationToStart < threshold ? durationToStart : averageInterval / 2
        interval += durationToEnd < threshold ? durationToEnd : averageInterval / 2
        // One factor, divided by the range first: the rounding Prometheus's results carry.
        var factor = interval / sampledInterval
        if isRate { factor /= input.rangeSeconds }
        return result * factor
    }

    /// One step of Kahan-Neumaier summation: the new sum and the running compensation for
    /// the low-order bits the sum lost.
    static func kahanAdd(_ increment: Double, to sum: Double, _ compensation: Double) -> (Double, Double) {
        let total = sum + increment
        if Swift.abs(sum) >= Swift.abs(increment) {
            return (total, compensation + ((sum - total) + increment))
        }
        return (total, compensation + ((increment - total) + sum))
    }

    /// `irate` and `idelta`: from the last two samples only.
    static func instantValue(_ points: ArraySlice<Point>, isRate: Bool) -> Double? {
        guard points.count >= 2 else { return nil }
        let last = points[points.endIndex - 1]
        let previous = points[points.endIndex - 2]
        var result = isRate && last.v < previous.v ? last.v : last.v - previous.v
        let interval = last.t - previous.t
        guard interval != 0 else { return nil }
        if isRate { result /= Double(interval) / 1000 }
        return result
    }

    /// Least squares fit of value over time (seconds relative to `interceptTime`).
    static func linearRegression(_ points: ArraySlice<Point>, interceptTime: Milliseconds)
        -> (slope: Double, intercept: Double) {
        var n = 0.0
        var (sumX, sumY, sumXY, sumX2) = (0.0, 0.0, 0.0, 0.0)
        var (compensationX, compensationY, compensationXY, compensationX2) = (0.0, 0.0, 0.0, 0.0)
        let initial = points.first?.v ?? .nan
        var constant = true
        for point in points {
            if constant && point.v != initial { constant = false }
            n += 1
            let x = Double(point.t &- interceptTime) / 1000
            (sumX, compensationX) = kahanAdd(x, to: sumX, compensationX)
            (sumY, compensationY) = kahanAdd(point.v, to: sumY, compensationY)
            (sumXY, compensationXY) = kahanAdd(x * point.v, to: sumXY, compensationXY)
            (sumX2, compensationX2) = kahanAdd(x * x, to: sumX2, compensationX2)
        }
        if constant {
            if initial.isInfinite { return (.nan, .nan) }
            return (0, initial)
        }
        sumX += compensationX
        sumY += compensationY
        sumXY += compensationXY
        sumX2 += compensationX2
        let covariance = sumXY - sumX * sumY / n
        let varianceX = sumX2 - sumX * sumX / n
        let slope = covariance / varianceX
        return (slope, sumY / n - slope * sumX / n)
    }

    /// Population variance by Welford's method with compensated sums, as
    /// `stdvar_over_time` computes it.
    static func variance(_ points: ArraySlice<Point>) -> Double {
        var count = 0.0
        var (mean, meanCompensation) = (0.0, 0.0)
        var (aux, auxCompensation) = (0.0, 0.0)
        for point in points {
            count += 1
            let delta = point.v - (mean + meanCompensation)
            (mean, meanCompensation) = kahanAdd(delta / count, to: mean, meanCompensation)
            (aux, auxCompensation) = kahanAdd(delta * (point.v - (mean + meanCompensation)), to: aux, auxCompensation)
        }
        return (aux + auxCompensation) / count
    }

    /// Double exponential smoothing with smoothing factor `sf` and trend factor `tf`.
    static func holtWinters(_ input: RangeFunctionInput) throws(EvaluationError) -> Double? {
        let smoothing = input.scalars.first ?? .nan
        let trend = input.scalars.count > 1 ? input.scalars[1] : .nan
        guard smoothing > 0 && smoothing < 1 else {
            throw .execution("invalid smoothing factor. Expected: 0 < sf < 1, got: \(goFixed(smoothing))")
        }
        guard trend > 0 && trend < 1 else {
            throw .execution("invalid trend factor. Expected: 0 < tf < 1, got: \(goFixed(trend))")
        }
        let points = Array(input.points)
        guard points.count >= 2 else { return nil }
        var previous = 0.0
        var smoothed = points[0].v
        var slope = points[1].v - points[0].v
        for index in 1..<points.count {
            let scaled = smoothing * points[index].v
            if index > 1 { slope = trend * (smoothed - previous) + (1 - trend) * slope }
            let carried = (1 - smoothing) * (smoothed + slope)
            (previous, smoothed) = (smoothed, scaled + carried)
        }
        return smoothed
    }

    /// Go's `%f`: six decimals.
    static func goFixed(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        return String(format: "%.6f", value)
    }
}
