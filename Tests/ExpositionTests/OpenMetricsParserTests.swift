import Testing
@testable import Exposition

@Suite("OpenMetrics parser")
struct OpenMetricsParserTests {
    static func parse(_ text: String, options: OpenMetricsParser.Options = .init()) throws -> [ExpositionEntry] {
        var parser = OpenMetricsParser(text, options: options)
        return try parseAll(&parser).get()
    }

    @Test(
        "reports what it expected, with line and column",
        arguments: [
            ErrorCase("a 1\n", ##"line 2, column 1: expected "# EOF" at the end of the input"##),
            ErrorCase("a 1\n# EOF\n\n", ##"line 3, column 1: unexpected content after "# EOF""##),
            ErrorCase("a 1\n\n# EOF\n", "line 2, column 1: unexpected blank line"),
            ErrorCase("# comment\n# EOF\n", ##"line 1, column 3: expected HELP, TYPE, UNIT or EOF after "# ", got "comment""##),
            ErrorCase("a{b=\"c\" } 1\n# EOF\n", #"line 1, column 8: expected "," or "}", got " }""#),
            ErrorCase("a 1 # {x=\"y\"} 1\n# EOF\n", "line 1, column 1: exemplars are allowed only on counter _total and histogram _bucket samples"),
            ErrorCase("a_total 1 # {x=\"y\"} z\n# EOF\n", #"line 1, column 21: expected a number as exemplar value, got "z""#),
            ErrorCase("# TYPE a counter\na 1\n# EOF\n", ##"line 3, column 1: metric family name "a" clashes with an earlier one"##),
            ErrorCase("a{le=\"1\",le=\"2\"} 1\n# EOF\n", #"line 1, column 10: duplicate label name "le""#),
        ])
    func reports(_ testCase: ErrorCase) {
        var parser = OpenMetricsParser(testCase.input)
        #expect(firstError(&parser) == testCase.error)
    }

    @Test("reads metadata, exemplars and second timestamps")
    func readsEntries() throws {
        let entries = try Self.parse(
            """
            # TYPE rpc_seconds histogram
            # UNIT rpc_seconds seconds
            # HELP rpc_seconds RPC \\"latency\\"\\n.
            rpc_seconds_bucket{le="0.5"} 1 1700000000.123 # {trace_id="kx"} 0.25 1700000000.5
            rpc_seconds_bucket{le="+Inf"} 2 1700000000.123
            rpc_seconds_count 2 1700000000.123
            rpc_seconds_sum 0.75 1700000000.123
            rpc_seconds_created 1699999999 1700000000.123
            # EOF

            """)
        #expect(entries.count == 8)
        #expect(entries[0] == .type(metric: "rpc_seconds", .histogram))
        #expect(entries[1] == .unit(metric: "rpc_seconds", unit: "seconds"))
        #expect(entries[2] == .help(metric: "rpc_seconds", text: "RPC \"latency\"\n."))
        let exemplar = Exemplar(labels: Labels(["trace_id": "kx"]), value: 0.25, timestamp: 1_700_000_000_500)
        let bucket = ExpositionSample(
            labels: Labels(["__name__": "rpc_seconds_bucket", "le": "0.5"]), value: 1, timestamp: 1_700_000_000_123,
            exemplar: exemplar)
        #expect(entries[3] == .sample(bucket))
        #expect(entries[7] == .sample(ExpositionSample(
            labels: Labels(["__name__": "rpc_seconds_created"]), value: 1_699_999_999, timestamp: 1_700_000_000_123)))
    }

    @Test("drops exemplars when asked, after checking them")
    func dropsExemplars() throws {
        let text = "# TYPE a counter\na_total 1 # {id=\"x\"} 1\n# EOF\n"
        let entries = try Self.parse(text, options: .init(keepsExemplars: false))
        guard case .sample(let sample) = entries[1] else { Issue.record("not a sample"); return }
        #expect(sample.exemplar == nil)
        #expect(throws: ExpositionError.self) {
            try Self.parse("# TYPE a counter\na_total 1 # {id=\"x\"} y\n# EOF\n", options: .init(keepsExemplars: false))
        }
    }

    @Test("without validation accepts what only the cross-line rules forbid")
    func lenient() throws {
        let text = "# TYPE a histogram\na_sum -1\n# TYPE a gauge\na 1 # {x=\"y\"} 1\n# EOF"
        #expect(throws: ExpositionError.self) { try Self.parse(text) }
        let entries = try Self.parse(text, options: .prometheusCompatible)
        #expect(entries.count == 4)
    }

    @Test("truncates timestamps toward zero and saturates huge ones")
    func timestampConversion() throws {
        let entries = try Self.parse("a 1 -1.9999\nb 1 1.5e3\nc 1 12345678901234567890.1\n# EOF")
        let stamps = samples(in: entries).map(\.timestamp)
        #expect(stamps == [-1_999, 1_500_000, .max])
    }
}
