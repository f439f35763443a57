import PromQL
import TSDB
import Testing

/// Bad or absurd input must never crash the evaluator: every conformance query, randomly
/// mutated, is evaluated at ordinary and extreme times. Errors are fine; traps are not.
@Suite("Evaluator robustness")
struct EvaluatorFuzzTests {
    @Test("Mutated queries at extreme times evaluate or fail without crashing")
    func mutatedQueries() throws {
        let store = try makeStore(step: 60_000, [
            #"http_requests{job="api", instance="0", group="production"} 0+10x10"#,
            #"http_requests{job="api", instance="1", group="canary"} 0 5 stale 3 NaN Inf -Inf"#,
            #"testhistogram_bucket{le="0.1"} 0+1x10"#,
            #"testhistogram_bucket{le="+Inf"} 0+3x10"#,
            #"{__name__="metric", label="x"} 1 -1 0"#,
        ])
        let engine = Engine(options: Engine.Options(maxSamples: 50_000, timeout: .milliseconds(100)))
        var mutator = Mutator(generator: SeededGenerator(state: 42))
        let times: [Int64] = [0, 300_000, -1, .max / 2, .min / 2, .max, .min]
        var evaluated = 0
        for expression in try ConformanceExpression.all() {
            for round in 0..<3 {
                let text = round == 0 ? expression.query : mutator.mutate(expression.query)
                guard let parsed = try? Parser.parse(text) else { continue }
                for time in times {
                    _ = try? engine.instantQuery(parsed, at: time, on: store)
                }
                _ = try? engine.rangeQuery(parsed, start: -120_000, end: 600_000, step: 60_000, on: store)
                _ = try? engine.rangeQuery(parsed, start: .max - 120_000, end: .max, step: 60_000, on: store)
                evaluated += 1
            }
        }
        #expect(evaluated > 566)
    }

    @Test("Extreme offsets, @ times and subquery ranges do not trap", arguments: [
        "http_requests @ 9223372036854775", "http_requests @ -9223372036854775",
        "rate(http_requests[5m] @ 9223372036854775 offset -1y)",
        "max_over_time(http_requests[1y:1ms] @ -9223372036854775)",
        "predict_linear(http_requests[5m] @ 9223372036854775, 1e300)",
        "timestamp(http_requests offset -10000w)", "year(vector(1e300))", "hour(vector(-Inf))",
        "topk(1e300, http_requests)", "quantile(NaN, http_requests)", "round(http_requests, 0)",
        "histogram_quantile(0.5, testhistogram_bucket)", "count_values(\"le\", http_requests)",
    ])
    func extremes(query: String) throws {
        let store = try makeStore(step: 60_000, [#"http_requests{job="api"} 0+10x10"#])
        let engine = Engine(options: Engine.Options(timeout: .milliseconds(200)))
        for time: Int64 in [0, .max, .min] {
            _ = try? engine.instantQuery(query, at: time, on: store)
        }
        _ = try? engine.rangeQuery(query, start: 0, end: 600_000, step: 60_000, on: store)
    }
}
