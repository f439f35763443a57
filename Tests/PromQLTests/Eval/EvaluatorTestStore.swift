import PromQL
import TSDB

/// A store filled from `.test`-style series lines, for the evaluator tests.
func makeStore(step: Milliseconds, _ lines: [String]) throws -> TimeSeriesStore {
    let store = TimeSeriesStore()
    var appender = store.appender()
    for line in lines {
        let description = try SeriesDescription(parsing: line, line: 0)
        for (slot, value) in description.values.enumerated() {
            guard let value else { continue }
            try appender.append(description.labels, t: Int64(slot) * step, v: value)
        }
    }
    appender.commit()
    return store
}

/// The samples of a vector result as `labels => value` strings, sorted, for compact expectations.
func rendered(_ value: Value) -> [String] {
    switch value {
    case .scalar(let number): return ["scalar \(number)"]
    case .string(let text): return ["string \(text)"]
    case .vector(let samples): return samples.map { "\($0.labels) \($0.value)" }.sorted()
    case .matrix(let series): return series.map { "\($0.labels) \($0.points.map(\.v))" }.sorted()
    }
}
