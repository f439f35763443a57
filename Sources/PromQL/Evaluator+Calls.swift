import TSDB

/// Function calls: range-vector functions run once per series over its window, the others
/// get their evaluated arguments (Prometheus's two call paths in `eval`).
extension Evaluator {
    func evaluateCall(_ call: Call, at t: Milliseconds) throws(EvaluationError) -> Value {
        let name = call.function.name
        let arguments = call.arguments.map(\.unwrappingParens)
        guard let implementation = Functions.implementations[name] else {
            throw .execution("unknown function \(name)")
        }
        // `timestamp(selector)` reports the stored sample's time, not the evaluation time.
        if name == "timestamp", case .vectorSelector(let selector) = arguments.first {
            let samples = try selectVector(selector, at: t).map {
                Sample(labels: $0.labels.droppingMetricName, timestamp: t, value: Double($0.point.t) / 1000)
            }
            try Self.checkUniqueLabels(samples)
            return .vector(samples)
        }
        switch implementation {
        case .overRange(let body, let keepsMetricName):
            return try evaluateRangeFunction(name, arguments, body: body, keepsMetricName: keepsMetricName, at: t)
        case .instant(let body):
            var values: [Value] = []
            for argument in arguments { values.append(try evaluate(argument, at: t)) }
            let result = try body(InstantFunctionInput(arguments: values, expressions: arguments, evaluationTime: t))
            if case .vector(let samples) = result {
                try Self.checkUniqueLabels(samples)
                return .vector(samples.map { Sample(labels: $0.labels, timestamp: t, value: $0.value) })
            }
            return result
        }
    }

    private func evaluateRangeFunction(_ name: String, _ arguments: [Expr], body: RangeFunction,
                                       keepsMetricName: Bool, at t: Milliseconds) throws(EvaluationError) -> Value {
        var scalars: [Double] = []
        var series: [Window] = []
        var window: (start: Milliseconds, end: Milliseconds) = (t, t)
        var absentLabels = Labels()
        for argument in arguments {
            switch argument {
            case .matrixSelector(let selector):
                let end = referenceTime(at: selector.selector.at, offset: selector.selector.offset,
                                        evaluationTime: t)
                window = (SelectorTimeBounds.minus(end, selector.range), end)
                series = try selectWindows(selector, at: t)
                absentLabels = Functions.absentLabels(selector.selector.allMatchers)
            case .subquery(let subquery):
                let end = referenceTime(at: subquery.at, offset: subquery.offset, evaluationTime: t)
                window = (SelectorTimeBounds.minus(end, subquery.range), end)
                series = try evaluateSubquery(subquery, at: t).map {
                    Window(labels: $0.labels, labelsWithoutName: $0.labels.droppingMetricName, points: $0.points[...])
                }
            default:
                scalars.append(try evaluateScalar(argument, at: t))
            }
        }
        var out: [Sample] = []
        for item in series where !item.points.isEmpty {
            let input = RangeFunctionInput(points: item.points, windowStart: window.start, windowEnd: window.end,
                                           evaluationTime: t, scalars: scalars)
            guard let value = try body(input) else { continue }
            let labels = keepsMetricName ? item.labels : item.labelsWithoutName
            out.append(Sample(labels: labels, timestamp: t, value: value))
        }
        if name == "absent_over_time" {
            let present = series.contains { !$0.points.isEmpty }
            return .vector(present ? [] : [Sample(labels: absentLabels, timestamp: t, value: 1)])
        }
        // Input series are distinct, so outputs can only collide when dropping differing
        // metric names made them equal.
        let firstName = series.first?.labels.metricName
        if !keepsMetricName && !series.allSatisfy({ $0.labels.metricName == firstName }) {
            try Self.checkUniqueLabels(out)
        }
        return .vector(out)
    }
}
