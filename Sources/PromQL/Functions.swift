import TSDB

/// What a range-vector function sees for one series at one evaluation time.
struct RangeFunctionInput {
    /// The series' samples inside the window, oldest first; never empty. A slice of the
    /// loaded series, so no copy is made per step (indices do not start at zero).
    var points: ArraySlice<Point>
    /// The window `[windowStart, windowEnd]` after `offset` and `@`.
    var windowStart: Milliseconds
    var windowEnd: Milliseconds
    /// The evaluation step's time (what `predict_linear` extrapolates from).
    var evaluationTime: Milliseconds
    /// The scalar arguments, in order (`quantile_over_time`'s φ, `holt_winters`' factors).
    var scalars: [Double]

    var rangeSeconds: Double { Double(windowEnd &- windowStart) / 1000 }
}

/// What any other function sees: its evaluated arguments and their expressions.
struct InstantFunctionInput {
    var arguments: [Value]
    /// The argument expressions without parentheses (`absent` reads selector matchers).
    var expressions: [Expr]
    var evaluationTime: Milliseconds

    func vector(_ index: Int) throws(EvaluationError) -> [Sample] {
        guard index < arguments.count, case .vector(let samples) = arguments[index] else {
            throw .execution("argument \(index + 1) is not an instant vector")
        }
        return samples
    }

    func scalar(_ index: Int) throws(EvaluationError) -> Double {
        guard index < arguments.count, case .scalar(let value) = arguments[index] else {
            throw .execution("argument \(index + 1) is not a scalar")
        }
        return value
    }

    func string(_ index: Int) throws(EvaluationError) -> String {
        guard index < arguments.count, case .string(let value) = arguments[index] else {
            throw .execution("argument \(index + 1) is not a string")
        }
        return value
    }
}

typealias RangeFunction = @Sendable (RangeFunctionInput) throws(EvaluationError) -> Double?
typealias InstantFunction = @Sendable (InstantFunctionInput) throws(EvaluationError) -> Value

/// How a function is computed; the table below mirrors ``FunctionSignature/all`` name for name.
enum FunctionImplementation: Sendable {
    /// Called per series with the samples of its window; nil means "no output".
    case overRange(RangeFunction, keepsMetricName: Bool)
    case instant(InstantFunction)
}

/// The implementations of every PromQL 2.42 function (Prometheus's `FunctionCalls`).
enum Functions {
    static let implementations: [String: FunctionImplementation] = {
        var table: [String: FunctionImplementation] = [:]
        for (name, body) in rangeFunctions {
            table[name] = .overRange(body, keepsMetricName: name == "last_over_time")
        }
        for (name, body) in mathFunctions { table[name] = .instant(elementwise(body)) }
        for (name, body) in dateFunctions { table[name] = .instant(date(body)) }
        for (name, body) in otherFunctions { table[name] = .instant(body) }
        return table
    }()

    /// Applies `body` to every sample, dropping the metric name.
    static func elementwise(_ body: @escaping @Sendable (Double) -> Double) -> InstantFunction {
        { input throws(EvaluationError) in
            .vector(try input.vector(0).map {
                Sample(labels: $0.labels.droppingMetricName, timestamp: $0.timestamp, value: body($0.value))
            })
        }
    }

    /// The labels `absent` gives its output: the selector's equality matchers, minus any
    /// name that is also matched some other way, never `__name__`.
    static func absentLabels(_ matchers: [LabelMatcher]) -> Labels {
        var pairs: [String: String] = [:]
        var removed: Set<String> = []
        for matcher in matchers where matcher.name != Labels.metricName {
            if matcher.type == .equal && pairs[matcher.name] == nil {
                pairs[matcher.name] = matcher.value
            } else {
                removed.insert(matcher.name)
            }
        }
        for name in removed { pairs[name] = nil }
        return Labels(pairs)
    }
}
