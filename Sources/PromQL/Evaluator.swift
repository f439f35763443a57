import TSDB

/// Evaluates one query. Every node is evaluated at one timestamp at a time; a range query
/// is the same walk repeated per step, so instant and range results agree by construction.
/// Stored series are loaded once per selector and reused by every step and subquery.
///
/// Not thread-safe: one evaluator belongs to one query on one task.
final class Evaluator {
    /// Opens a querier over `[mint, maxt]`.
    let makeQuerier: (Milliseconds, Milliseconds) -> any Querier
    /// What each selector may read.
    let timeBounds: SelectorTimeBounds
    let options: Engine.Options
    /// The query's first and last step, which `@ start()` and `@ end()` refer to.
    let queryStart: Milliseconds
    let queryEnd: Milliseconds
    /// True once the query's timeout has passed.
    let isPastDeadline: () -> Bool
    /// The effective lookback: Prometheus treats zero as "use the default".
    let lookbackDelta: Milliseconds
    /// Series per selector (keyed by its sorted matchers), with every stored point.
    var loadedSeries: [String: [RangeSeries]] = [:]
    /// The same series' labels without `__name__` (what range functions output), built
    /// once per query instead of once per step.
    var loadedSeriesWithoutName: [String: [Labels]] = [:]
    /// Inner results of each subquery (keyed by its source span) by inner step time.
    /// Successive outer steps share most inner steps, so a range query evaluates each
    /// inner step once, as Prometheus's whole-range subquery evaluation does.
    var subqueryResults: [SourceRange: SubqueryResults] = [:]
    private var evaluationsSinceCheck = 0

    init(expression: Expr, options: Engine.Options, queryStart: Milliseconds, queryEnd: Milliseconds,
         isPastDeadline: @escaping () -> Bool, makeQuerier: @escaping (Milliseconds, Milliseconds) -> any Querier) {
        self.makeQuerier = makeQuerier
        self.isPastDeadline = isPastDeadline
        let lookbackDelta = options.lookbackDelta > 0 ? options.lookbackDelta : Engine.Options().lookbackDelta
        self.lookbackDelta = lookbackDelta
        self.timeBounds = SelectorTimeBounds(expression, start: queryStart, end: queryEnd,
                                             lookbackDelta: lookbackDelta)
        self.options = options
        self.queryStart = queryStart
        self.queryEnd = queryEnd
    }


    /// Evaluates `expression` at time `t`.
    func evaluate(_ expression: Expr, at t: Milliseconds) throws(EvaluationError) -> Value {
        try checkLimits()
        switch expression {
        case .number(let literal):
            return .scalar(literal.value)
        case .string(let literal):
            return .string(literal.value)
        case .paren(let paren):
            return try evaluate(paren.expression, at: t)
        case .unary(let unary):
            return try evaluateUnary(unary, at: t)
        case .vectorSelector(let selector):
            let samples = try selectVector(selector, at: t).map {
                Sample(labels: $0.labels, timestamp: t, value: $0.point.v)
            }
            return .vector(samples)
        case .matrixSelector(let selector):
            return .matrix(try selectRange(selector, at: t))
        case .subquery(let subquery):
            return .matrix(try evaluateSubquery(subquery, at: t))
        case .call(let call):
            return try evaluateCall(call, at: t)
        case .aggregation(let aggregation):
            return try evaluateAggregation(aggregation, at: t)
        case .binary(let binary):
            return try evaluateBinary(binary, at: t)
        }
    }

    /// Evaluates an expression the type checker guarantees to be an instant vector.
    func evaluateVector(_ expression: Expr, at t: Milliseconds) throws(EvaluationError) -> [Sample] {
        switch try evaluate(expression, at: t) {
        case .vector(let samples): return samples
        case let other: throw .execution("expected instant vector, got \(other.type.documentedName)")
        }
    }

    /// Evaluates an expression the type checker guarantees to be a scalar.
    func evaluateScalar(_ expression: Expr, at t: Milliseconds) throws(EvaluationError) -> Double {
        switch try evaluate(expression, at: t) {
        case .scalar(let value): return value
        case let other: throw .execution("expected scalar, got \(other.type.documentedName)")
        }
    }

    /// Evaluates an expression the type checker guarantees to be a string.
    func evaluateString(_ expression: Expr, at t: Milliseconds) throws(EvaluationError) -> String {
        switch try evaluate(expression, at: t) {
        case .string(let value): return value
        case let other: throw .execution("expected string, got \(other.type.documentedName)")
        }
    }

    private func evaluateUnary(_ unary: UnaryExpr, at t: Milliseconds) throws(EvaluationError) -> Value {
        let value = try evaluate(unary.expression, at: t)
        guard unary.op == .minus else { return value }
        switch value {
        case .scalar(let number):
            return .scalar(-number)
        case .vector(let samples):
            let negated = samples.map {
                Sample(labels: $0.labels.droppingMetricName, timestamp: $0.timestamp, value: -$0.value)
            }
            try Self.checkUniqueLabels(negated)
            return .vector(negated)
        default:
            throw .execution("unary minus on \(value.type.documentedName)")
        }
    }

    /// Throws Prometheus's "vector cannot contain metrics with the same labelset". Like
    /// Prometheus, checked after every operation at every step, in range queries and
    /// subqueries too (confirmed against a 2.42 server).
    static func checkUniqueLabels(_ samples: [Sample]) throws(EvaluationError) {
        guard samples.count > 1 else { return }
        var seen = Set<Labels>(minimumCapacity: samples.count)
        for sample in samples where !seen.insert(sample.labels).inserted {
            throw EvaluationError.duplicateLabelSet
        }
    }

    /// Throws once the deadline passed or the task was cancelled; checked every few nodes
    /// (and every few thousand series inside a node, see ``checkLimits(every:)``).
    func checkLimits() throws(EvaluationError) {
        evaluationsSinceCheck += 1
        guard evaluationsSinceCheck >= 64 else { return }
        evaluationsSinceCheck = 0
        if Task.isCancelled { throw .cancelled }
        if isPastDeadline() { throw .timeout }
    }

    /// Inside loops over series: checks the limits at every 4096th index.
    func checkLimits(every index: Int) throws(EvaluationError) {
        guard index & 4095 == 4095 else { return }
        if Task.isCancelled { throw .cancelled }
        if isPastDeadline() { throw .timeout }
    }

    /// Throws when one intermediate value holds more samples than allowed.
    func checkSampleCount(_ count: Int) throws(EvaluationError) {
        if count > options.maxSamples { throw .tooManySamples }
    }
}

extension Expr {
    /// The expression inside any number of parentheses.
    var unwrappingParens: Expr {
        var current = self
        while case .paren(let paren) = current { current = paren.expression }
        return current
    }
}
