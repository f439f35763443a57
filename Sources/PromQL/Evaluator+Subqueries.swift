import TSDB

/// Subqueries: `expr[range:step]`, evaluated at absolute-aligned inner steps.
extension Evaluator {
    /// The inner results of one subquery, by inner step time. Series are numbered once per
    /// query so assembling a window needs no label hashing.
    final class SubqueryResults {
        var labels: [Labels] = []
        var numbers: [Labels: Int] = [:]
        var steps: [Milliseconds: [(series: Int, value: Double)]] = [:]

        func number(of series: Labels) -> Int {
            if let known = numbers[series] { return known }
            numbers[series] = labels.count
            labels.append(series)
            return labels.count - 1
        }
    }

    /// Evaluates the inner expression at every multiple of the step inside
    /// `[r - range, r]` (Prometheus aligns subquery steps to absolute time). Successive
    /// outer steps share most inner steps, so each inner step is evaluated once per query,
    /// as Prometheus's whole-range subquery evaluation does.
    func evaluateSubquery(_ subquery: Subquery, at t: Milliseconds) throws(EvaluationError) -> [RangeSeries] {
        let step = subquery.step == 0 ? options.defaultSubqueryStep : subquery.step
        let reference = referenceTime(at: subquery.at, offset: subquery.offset, evaluationTime: t)
        let oldest = SelectorTimeBounds.minus(reference, subquery.range)
        var first = (oldest / step) * step
        if first < oldest {
            let (next, overflow) = first.addingReportingOverflow(step)
            if overflow { return [] }
            first = next
        }
        let results: SubqueryResults
        if let existing = subqueryResults[subquery.span] {
            results = existing
            // Outer steps only move forward: earlier inner steps are not needed again.
            if results.steps.keys.contains(where: { $0 < first }) {
                results.steps = results.steps.filter { $0.key >= first }
            }
        } else {
            results = SubqueryResults()
            subqueryResults[subquery.span] = results
        }
        var points: [[Point]] = []
        var total = 0
        var inner = first
        while inner <= reference {
            let values = try innerStep(subquery.expression, at: inner, into: results)
            if points.count < results.labels.count {
                points.append(contentsOf: Array(repeating: [], count: results.labels.count - points.count))
            }
            for (series, value) in values { points[series].append(Point(t: inner, v: value)) }
            total += values.count
            try checkSampleCount(total)
            let (next, overflow) = inner.addingReportingOverflow(step)
            if overflow { break }
            inner = next
        }
        return points.indices.compactMap { index in
            points[index].isEmpty ? nil : RangeSeries(labels: results.labels[index], points: points[index])
        }
    }

    private func innerStep(_ expression: Expr, at time: Milliseconds, into results: SubqueryResults)
        throws(EvaluationError) -> [(series: Int, value: Double)] {
        if let cached = results.steps[time] { return cached }
        let values: [(series: Int, value: Double)]
        switch try evaluate(expression, at: time) {
        case .scalar(let value):
            values = [(results.number(of: Labels()), value)]
        case .vector(let samples):
            values = samples.map { (results.number(of: $0.labels), $0.value) }
        case let other:
            throw .execution("subquery of \(other.type.documentedName)")
        }
        results.steps[time] = values
        return values
    }
}
