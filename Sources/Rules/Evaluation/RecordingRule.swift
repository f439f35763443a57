import PromQL
import TSDB

/// A compiled recording rule: evaluates its expression and renames the result.
struct RecordingRule: Sendable {
    let name: String
    let expression: Expr
    let labels: [String: String]

    /// Prometheus's `RecordingRule.Eval`: sets `__name__` and the rule's labels on every
    /// sample, then rejects duplicate label sets and results over `limit`.
    func evaluate(at t: Milliseconds, query: RuleQuery, limit: Int) throws(RuleEvaluationError) -> [Sample] {
        var samples = try query.vector(expression, at: t)
        for index in samples.indices {
            var pairs = samples[index].labels.pairs.filter { $0.name != Labels.metricName && labels[$0.name] == nil }
            pairs.append(Label(name: Labels.metricName, value: name))
            for (label, value) in labels { pairs.append(Label(name: label, value: value)) }
            samples[index].labels = Labels(pairs)
            samples[index].timestamp = t
        }
        if Set(samples.map(\.labels)).count != samples.count {
            throw RuleEvaluationError("vector contains metrics with the same labelset after applying rule labels")
        }
        if limit > 0, samples.count > limit {
            throw RuleEvaluationError("exceeded limit of \(limit) with \(samples.count) series")
        }
        return samples
    }
}

/// Runs a rule's expression (Prometheus's `EngineQueryFunc`): instant query on the store,
/// a scalar becomes one sample without labels.
struct RuleQuery: Sendable {
    let engine: Engine
    let storage: TimeSeriesStore

    func vector(_ expression: Expr, at t: Milliseconds) throws(RuleEvaluationError) -> [Sample] {
        let value: Value
        do {
            value = try engine.instantQuery(expression, at: t, on: storage)
        } catch {
            throw RuleEvaluationError(error.description)
        }
        switch value {
        case .vector(let samples): return samples
        case .scalar(let number): return [Sample(labels: Labels(), timestamp: t, value: number)]
        case .string, .matrix: throw RuleEvaluationError("rule result is not a vector or scalar")
        }
    }

    /// The template `query` function at time `t`.
    func templateQuery(at t: Milliseconds) -> @Sendable (String) throws -> [TemplateSample] {
        let engine = engine
        let storage = storage
        return { text in
            let expression: Expr
            do {
                expression = try Parser.parse(text)
            } catch {
                throw RuleEvaluationError("\(error)")
            }
            return try RuleQuery(engine: engine, storage: storage).vector(expression, at: t).map { sample in
                TemplateSample(labels: AlertTemplateData.map(sample.labels), value: sample.value)
            }
        }
    }
}
