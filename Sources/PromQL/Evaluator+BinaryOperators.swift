import Foundation
import TSDB

/// Arithmetic, comparison and set operators between scalars and vectors, with Prometheus's
/// vector matching (`on`, `ignoring`, `group_left`, `group_right`, `bool`).
extension Evaluator {
    func evaluateBinary(_ binary: BinaryExpr, at t: Milliseconds) throws(EvaluationError) -> Value {
        let lhs = try evaluate(binary.lhs, at: t)
        let rhs = try evaluate(binary.rhs, at: t)
        let result: [Sample]
        switch (lhs, rhs) {
        case (.scalar(let left), .scalar(let right)):
            return .scalar(Self.scalarOperation(binary.op, left, right))
        case (.vector(let left), .scalar(let right)):
            result = Self.vectorScalar(binary.op, left, right, scalarOnLeft: false, returnBool: binary.returnBool)
        case (.scalar(let left), .vector(let right)):
            result = Self.vectorScalar(binary.op, right, left, scalarOnLeft: true, returnBool: binary.returnBool)
        case (.vector(let left), .vector(let right)):
            let matching = binary.matching ?? VectorMatching(cardinality: .oneToOne, labels: [], on: false,
                                                             include: [])
            switch binary.op {
            case .and: result = Self.intersection(left, right, matching)
            case .or: result = Self.union(left, right, matching)
            case .unless: result = Self.difference(left, right, matching)
            default:
                result = try Self.vectorVector(binary.op, left, right, matching, returnBool: binary.returnBool)
            }
        default:
            throw .execution("binary \(binary.op.rawValue) between \(lhs.type.documentedName) and "
                + "\(rhs.type.documentedName)")
        }
        try Self.checkUniqueLabels(result)
        return .vector(result.map { Sample(labels: $0.labels, timestamp: t, value: $0.value) })
    }

    /// Arithmetic and (only with `bool`) comparison between two scalars.
    static func scalarOperation(_ op: BinaryOperator, _ lhs: Double, _ rhs: Double) -> Double {
        let (value, keep) = elementOperation(op, lhs, rhs)
        return op.isComparison ? (keep ? 1 : 0) : value
    }

    /// Prometheus's `vectorElemBinop`: the value, and for comparisons whether it is kept.
    static func elementOperation(_ op: BinaryOperator, _ lhs: Double, _ rhs: Double) -> (Double, Bool) {
        switch op {
        case .add: return (lhs + rhs, true)
        case .sub: return (lhs - rhs, true)
        case .mul: return (lhs * rhs, true)
        case .div: return (lhs / rhs, true)
        case .pow: return (Foundation.pow(lhs, rhs), true)
        case .mod: return (lhs.truncatingRemainder(dividingBy: rhs), true)
        case .atan2: return (Foundation.atan2(lhs, rhs), true)
        case .equal: return (lhs, lhs == rhs)
        case .notEqual: return (lhs, lhs != rhs)
        case .greater: return (lhs, lhs > rhs)
        case .less: return (lhs, lhs < rhs)
        case .greaterOrEqual: return (lhs, lhs >= rhs)
        case .lessOrEqual: return (lhs, lhs <= rhs)
        case .and, .or, .unless: return (lhs, true)
        }
    }

    /// Arithmetic operators drop the metric name; comparisons (unless `bool`) and, in 2.42,
    /// `atan2` keep it.
    static func dropsMetricName(_ op: BinaryOperator) -> Bool {
        switch op {
        case .add, .sub, .mul, .div, .pow, .mod: return true
        default: return false
        }
    }

    static func vectorScalar(_ op: BinaryOperator, _ vector: [Sample], _ scalar: Double, scalarOnLeft: Bool,
                             returnBool: Bool) -> [Sample] {
        var out: [Sample] = []
        out.reserveCapacity(vector.count)
        for sample in vector {
            let (left, right) = scalarOnLeft ? (scalar, sample.value) : (sample.value, scalar)
            var (value, keep) = elementOperation(op, left, right)
            // A comparison keeps the vector's value even when the vector is on the right.
            if op.isComparison && scalarOnLeft { value = right }
            if returnBool {
                value = keep ? 1 : 0
                keep = true
            }
            guard keep else { continue }
            let labels = dropsMetricName(op) || returnBool ? sample.labels.droppingMetricName : sample.labels
            out.append(Sample(labels: labels, timestamp: sample.timestamp, value: value))
        }
        return out
    }

    /// The labels two samples are matched on.
    static func signature(_ labels: Labels, _ matching: VectorMatching) -> Labels {
        if matching.on { return labels.keeping(Set(matching.labels)) }
        return labels.removing(Set(matching.labels + [Labels.metricName]))
    }

    static func vectorVector(_ op: BinaryOperator, _ lhsIn: [Sample], _ rhsIn: [Sample], _ matching: VectorMatching,
                             returnBool: Bool) throws(EvaluationError) -> [Sample] {
        if lhsIn.isEmpty || rhsIn.isEmpty { return [] }
        let swapped = matching.cardinality == .oneToMany
        let (lhs, rhs) = swapped ? (rhsIn, lhsIn) : (lhsIn, rhsIn)
        // The right side is the "one" side; its signatures must be unique.
        var rightBySignature: [Labels: Sample] = [:]
        for sample in rhs {
            let key = signature(sample.labels, matching)
            if let duplicate = rightBySignature[key] {
                let side = swapped ? "left" : "right"
                let group = key
                throw .execution("found duplicate series for the match group \(group) on the \(side) hand-side "
                    + "of the operation: [\(sample.labels), \(duplicate.labels)];many-to-many matching not "
                    + "allowed: matching labels must be unique on one side")
            }
            rightBySignature[key] = sample
        }
        var matchedOneToOne = Set<Labels>()
        var matchedManyToOne: [Labels: Set<Labels>] = [:]
        var out: [Sample] = []
        for sample in lhs {
            let key = signature(sample.labels, matching)
            guard let other = rightBySignature[key] else { continue }
            let (left, right) = swapped ? (other.value, sample.value) : (sample.value, other.value)
            var (value, keep) = elementOperation(op, left, right)
            if returnBool {
                value = keep ? 1 : 0
            } else if !keep {
                continue
            }
            var labels = resultLabels(sample.labels, other.labels, op, matching)
            if returnBool { labels = labels.droppingMetricName }
            if matching.cardinality == .oneToOne {
                guard matchedOneToOne.insert(key).inserted else {
                    throw .execution("multiple matches for labels: many-to-one matching must be explicit "
                        + "(group_left/group_right)")
                }
            } else {
                guard matchedManyToOne[key, default: []].insert(labels).inserted else {
                    throw .execution("multiple matches for labels: grouping labels must ensure unique matches")
                }
            }
            out.append(Sample(labels: labels, timestamp: sample.timestamp, value: value))
        }
        return out
    }

    /// The labels of a matched pair: the "many" side's labels, trimmed for one-to-one
    /// matching, plus the `group_x (…)` labels copied from the "one" side.
    static func resultLabels(_ many: Labels, _ one: Labels, _ op: BinaryOperator,
                             _ matching: VectorMatching) -> Labels {
        var labels = dropsMetricName(op) ? many.droppingMetricName : many
        if matching.cardinality == .oneToOne {
            labels = matching.on ? labels.keeping(Set(matching.labels)) : labels.removing(Set(matching.labels))
        }
        for name in matching.include {
            labels = labels.setting(name, to: one.value(of: name))
        }
        return labels
    }

    static func intersection(_ lhs: [Sample], _ rhs: [Sample], _ matching: VectorMatching) -> [Sample] {
        if lhs.isEmpty || rhs.isEmpty { return [] }
        let right = Set(rhs.map { signature($0.labels, matching) })
        return lhs.filter { right.contains(signature($0.labels, matching)) }
    }

    static func union(_ lhs: [Sample], _ rhs: [Sample], _ matching: VectorMatching) -> [Sample] {
        if lhs.isEmpty { return rhs }
        if rhs.isEmpty { return lhs }
        let left = Set(lhs.map { signature($0.labels, matching) })
        return lhs + rhs.filter { !left.contains(signature($0.labels, matching)) }
    }

    static func difference(_ lhs: [Sample], _ rhs: [Sample], _ matching: VectorMatching) -> [Sample] {
        if lhs.isEmpty || rhs.isEmpty { return lhs }
        let right = Set(rhs.map { signature($0.labels, matching) })
        return lhs.filter { !right.contains(signature($0.labels, matching)) }
    }
}
