import PromQL
import TSDB
import Testing

/// A range query is the instant query repeated per step; caches (selectors, subquery
/// steps) must never make the two disagree.
@Suite("Range and instant evaluation agree")
struct EvaluatorRangeConsistencyTests {
    @Test("Every step of a range query equals the instant query at that time", arguments: [
        "sum by (job) (rate(requests[5m]))",
        "max_over_time(rate(requests[5m])[10m:1m])",
        "avg_over_time(max_over_time(requests[3m:30s])[7m:2m])",
        "requests - requests offset 2m",
        "sum_over_time(requests[4m:1m] @ 600)",
        "min_over_time((requests > 50)[5m:])",
        "absent_over_time(requests{job=\"none\"}[2m])",
        "time() - timestamp(requests)",
    ])
    func agree(query: String) throws {
        let store = try makeStore(step: 30_000, [
            #"requests{job="api"} 0+7x40"#,
            #"requests{job="web"} 0+3x10 _ _ 100+9x20 stale 1 2 3"#,
        ])
        let engine = Engine()
        let start: Int64 = 0
        let step: Int64 = 45_000
        let end: Int64 = 1_200_000
        let range = try engine.rangeQuery(query, start: start, end: end, step: step, on: store)
        var t = start
        while t <= end {
            let fromRange = range.compactMap { series in
                series.points.first { $0.t == t }.map { "\(series.labels) \($0.v)" }
            }.sorted()
            var instant = rendered(try engine.instantQuery(query, at: t, on: store))
            if instant.first?.hasPrefix("scalar ") == true { instant = ["{} " + instant[0].dropFirst(7)] }
            #expect(fromRange == instant, "at \(t) ms")
            t += step
        }
    }
}
