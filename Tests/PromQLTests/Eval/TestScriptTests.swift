import PromQL
import TSDB
import Testing

@Suite("The .test script runner")
struct TestScriptTests {
    @Test("Value items expand as Prometheus's series notation does", arguments: [
        ("7", [7.0] as [Double?]),
        ("3x2", [3, 3, 3]),
        ("0+10x3", [0, 10, 20, 30]),
        ("1-1x3", [1, 0, -1, -2]),
        ("-5+1.5x2", [-5, -3.5, -2]),
        ("0x10", Array(repeating: 0, count: 11)),
        ("_", [nil]),
        ("_x3", [nil, nil, nil]),
        (".5", [0.5]),
        ("1e3", [1000]),
        ("010", [8]),
    ])
    func expands(item: String, expected: [Double?]) {
        #expect(SeriesDescription.expand(item) == expected)
    }

    @Test("Special values: stale is the marker NaN, Inf and NaN in any case")
    func specialValues() throws {
        let stale = try #require(SeriesDescription.expand("stale")?.first ?? nil)
        #expect(isStaleNaN(stale))
        #expect(SeriesDescription.expand("-Inf") == [-.infinity])
        #expect(SeriesDescription.expand("nan")?.first??.isNaN == true)
    }

    @Test("Malformed items are rejected", arguments: ["1+", "x3", "1+2", "abc", "stalex3", "1x-2"])
    func rejects(item: String) {
        #expect(SeriesDescription.expand(item) == nil)
    }

    @Test("Series lines carry decoded labels and the metric name")
    func seriesLine() throws {
        let description = try SeriesDescription(parsing: #"http_requests{job="a\"b", path='/x',} 1 _ 3"#, line: 1)
        #expect(description.labels == Labels(["__name__": "http_requests", "job": "a\"b", "path": "/x"]))
        #expect(description.values == [1, nil, 3])
    }

    @Test("Float comparison follows Prometheus's almostEqual", arguments: [
        (1.0, 1.0 + 1e-7, true), (1.0, 1.0 + 1e-5, false), (0.0, 1e-300, false), (0.0, -0.0, true),
        (Double.nan, Double.nan, true), (Double.infinity, Double.infinity, true), (Double.infinity, 1e308, false),
        (1.0, Double.nan, false),
    ])
    func almostEqual(a: Double, b: Double, equal: Bool) {
        #expect(TestScript.almostEqual(a, b) == equal)
    }

    @Test("A script's blocks end at blank or comment lines, and scalar expectations end a block")
    func parsesBlocks() throws {
        let script = try TestScript(parsing: """
            load 1m
              m{a="1"} 1 2 3
            # comment ends the block
            eval instant at 1m m
              m{a="1"} 2

            eval instant at 0 scalar(m)
              1
            clear
            eval_fail instant at 0 label_replace(m, "x", "", "a", "(")
            """)
        #expect(script.commands.count == 5)
        let outcome = script.run()
        #expect(outcome.failed.isEmpty, "\(outcome.failed)")
        #expect(outcome.passed.count == 3)
    }

    @Test("Pinning adds @ outside subqueries and keeps existing @", arguments: [
        ("rate(m[5m])", "rate(m[5m] @ 60.000)"),
        ("m @ 10 + n", "m @ 10.000 + n @ 60.000"),
        ("max_over_time(m[5m:1m])", "max_over_time(m[5m:1m] @ 60.000)"),
        ("m @ start() - m @ end()", "m @ 60.000 - m @ 60.000"),
    ])
    func pins(query: String, expected: String) throws {
        #expect("\(EvalRewriting.pinned(try Parser.parse(query), at: 60_000))" == expected)
    }
}
