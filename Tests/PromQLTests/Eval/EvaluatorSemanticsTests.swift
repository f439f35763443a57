import PromQL
import TSDB
import Testing

/// Behaviour tables beyond the conformance scripts (values computed by hand from
/// Prometheus 2.42's documented semantics).
@Suite("Evaluator semantics")
struct EvaluatorSemanticsTests {
    let store: TimeSeriesStore

    init() throws {
        store = try makeStore(step: 60_000, [
            #"counter{job="a", instance="1"} 0+60x10"#,
            #"counter{job="a", instance="2"} 0 60 120 0 60 120 180 240 300 360 420"#,
            #"gauge{job="b"} 1 5 2 8 3"#,
            #"info{job="a", version="v1"} 1x10"#,
            #"info{job="b", version="v2"} 1x10"#,
        ])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var query: String
        var at: Int64
        var expected: [String]
        var testDescription: String { query }
    }

    @Test("Queries give Prometheus's answers", arguments: [
        Case(query: #"rate(counter{instance="1"}[5m])"#, at: 600_000, expected: [#"{instance="1", job="a"} 1.0"#]),
        Case(query: #"resets(counter[10m])"#, at: 600_000,
             expected: [#"{instance="1", job="a"} 0.0"#, #"{instance="2", job="a"} 1.0"#]),
        Case(query: #"increase(counter{instance="2"}[10m])"#, at: 600_000,
             expected: [#"{instance="2", job="a"} 540.0"#]),
        Case(query: "max_over_time(gauge[10m])", at: 240_000, expected: [#"{job="b"} 8.0"#]),
        Case(query: "last_over_time(gauge[10m])", at: 240_000, expected: [#"{__name__="gauge", job="b"} 3.0"#]),
        Case(query: "max_over_time(gauge[3m:1m])", at: 240_000, expected: [#"{job="b"} 8.0"#]),
        Case(query: "count_over_time(gauge[3m:2m])", at: 240_000, expected: [#"{job="b"} 2.0"#]),
        Case(query: "sum without (instance) (counter)", at: 60_000, expected: [#"{job="a"} 120.0"#]),
        Case(query: #"count_values("v", gauge)"#, at: 180_000, expected: [#"{v="8"} 1.0"#]),
        Case(query: "counter * on (job) group_left (version) info", at: 60_000,
             expected: [#"{instance="1", job="a", version="v1"} 60.0"#,
                        #"{instance="2", job="a", version="v1"} 60.0"#]),
        Case(query: "gauge > bool 4", at: 60_000, expected: [#"{job="b"} 1.0"#]),
        Case(query: "gauge > 4", at: 120_000, expected: []),
        Case(query: "info unless on (job) gauge", at: 60_000, expected: [#"{__name__="info", job="a", version="v1"} 1.0"#]),
        Case(query: #"label_replace(gauge, "x", "${1}-$1x-$$", "job", "(.*)")"#, at: 0,
             expected: [#"{__name__="gauge", job="b", x="b--$"} 1.0"#]),
        Case(query: #"label_join(info, "both", "/", "job", "version")"#, at: 0,
             expected: [#"{__name__="info", both="a/v1", job="a", version="v1"} 1.0"#,
                        #"{__name__="info", both="b/v2", job="b", version="v2"} 1.0"#]),
        Case(query: #"absent(nothing{job="x", env=~"p.*"})"#, at: 0, expected: [#"{job="x"} 1.0"#]),
        Case(query: "year(vector(951782400))", at: 0, expected: ["{} 2000.0"]),
        Case(query: "day_of_year(vector(951782400))", at: 0, expected: ["{} 60.0"]),
        Case(query: "days_in_month(vector(951782400))", at: 0, expected: ["{} 29.0"]),
        Case(query: "day_of_week(vector(-1))", at: 0, expected: ["{} 3.0"]),
        Case(query: "hour(vector(-1))", at: 0, expected: ["{} 23.0"]),
        Case(query: "topk(1, counter)", at: 240_000, expected: [#"{__name__="counter", instance="1", job="a"} 240.0"#]),
    ])
    func query(_ test: Case) throws {
        #expect(rendered(try Engine().instantQuery(test.query, at: test.at, on: store)) == test.expected)
    }

    @Test("Errors read as Prometheus's", arguments: [
        ("info + on (job) counter",
         #"found duplicate series for the match group {job="a"} on the right hand-side of the operation: "#),
        ("counter + on (job) info", "multiple matches for labels: many-to-one matching must be explicit"),
        (#"label_replace(gauge, "a-b", "", "job", "")"#, "invalid destination label name in label_replace(): a-b"),
        (#"label_replace(gauge, "x", "", "job", "(")"#, "invalid regular expression in label_replace(): ("),
        (#"label_replace(gauge, "x", "", "job", "(a)\\1")"#, #"invalid regular expression in label_replace(): (a)\1"#),
        (#"count_values("a-b", gauge)"#, #"invalid label name "a-b""#),
        ("holt_winters(gauge[5m], 2, 0.5)", "invalid smoothing factor. Expected: 0 < sf < 1, got: 2.000000"),
        (#"label_replace(counter, "instance", "", "", "")"#, "vector cannot contain metrics with the same labelset"),
        ("topk(NaN, gauge)", "Scalar value NaN overflows int64"),
    ])
    func errors(query: String, message: String) {
        #expect {
            _ = try Engine().instantQuery(query, at: 60_000, on: store)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test("Sorting and topk over many series with NaNs keep every sample, NaNs last")
    func sortManyWithNaN() throws {
        var lines: [String] = []
        for index in 0..<40 { lines.append("m{i=\"\(index)\"} \(index % 3 == 0 ? "NaN" : String((index * 7) % 23))") }
        let store = try makeStore(step: 60_000, lines)
        for query in ["sort(m)", "sort_desc(m)"] {
            guard case .vector(let samples) = try Engine().instantQuery(query, at: 0, on: store) else {
                Issue.record("expected a vector")
                return
            }
            #expect(samples.count == 40)
            let numbers = samples.map(\.value).filter { !$0.isNaN }
            #expect(numbers == (query == "sort(m)" ? numbers.sorted() : numbers.sorted(by: >)))
            #expect(samples.suffix(14).allSatisfy { $0.value.isNaN })
        }
        guard case .vector(let top) = try Engine().instantQuery("topk(20, m)", at: 0, on: store) else { return }
        #expect(top.count == 20)
    }
}
