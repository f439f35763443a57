import Testing
@testable import Exposition

/// An input and the exact error the parser must report.
struct ErrorCase: CustomTestStringConvertible, Sendable {
    var input: String
    var error: String
    init(_ input: String, _ error: String) {
        self.input = input
        self.error = error
    }
    var testDescription: String { input.debugDescription }
}

func firstError<P: ExpositionParser>(_ parser: inout P) -> String? {
    if case .failure(let error) = parseAll(&parser) { error.description } else { nil }
}

@Suite("text format errors")
struct TextParserErrorTests {
    @Test(
        "reports what it expected, with line and column",
        arguments: [
            ErrorCase("a{b='c'} 1\n", #"line 1, column 5: expected label value, got "'c'}""#),
            ErrorCase("a{b=\n", "line 1, column 5: expected label value, got end of line"),
            ErrorCase("a true\n", #"line 1, column 3: expected a number as value, got "true""#),
            ErrorCase("something_weird{problem=\"", "line 1, column 25: unterminated label value"),
            ErrorCase("empty_label_name{=\"\"} 0", #"line 1, column 18: expected label name, got "=\"\"}""#),
            ErrorCase("foo 1_2\n", #"line 1, column 5: expected a number as value, got "1_2""#),
            ErrorCase("foo 0x1p-3\n", #"line 1, column 5: expected a number as value, got "0x1p-3""#),
            ErrorCase("foo 0 1_2\n", #"line 1, column 7: expected timestamp or new record, got "1_2""#),
            ErrorCase("foo 0 1 2\n", #"line 1, column 9: expected next entry after timestamp, got "2""#),
            ErrorCase("foo 0 99999999999999999999\n", #"line 1, column 7: timestamp "99999999999999999999" out of range"#),
            ErrorCase("foo 1e999\n", #"line 1, column 5: value "1e999" out of range"#),
            ErrorCase("{a=\"ok\"} 1\n", #"line 1, column 1: expected metric name, got "{a=\"ok\"}""#),
            ErrorCase("ok 1\nfoo\n", "line 2, column 4: expected value after metric, got end of line"),
            ErrorCase("foo{a=\"1\",a=\"2\"} 1\n", #"line 1, column 11: duplicate label name "a""#),
            ErrorCase("foo{__name__=\"x\"} 1\n", #"line 1, column 5: duplicate label name "__name__""#),
            ErrorCase("# TYPE foo gauges\n", #"line 1, column 12: invalid metric type "gauges""#),
            ErrorCase("# TYPE foo info\n", #"line 1, column 12: invalid metric type "info""#),
            ErrorCase("# HELP \n", "line 1, column 8: expected metric name after HELP, got end of line"),
            ErrorCase("# HELP a.b x\n", #"line 1, column 9: expected text after metric name in HELP, got ".b""#),
            ErrorCase("a{b=\"c\"}{d=\"e\"} 1\n", #"line 1, column 9: expected value after metric, got "{d=\"e\"}""#),
            ErrorCase("a 1{\n", #"line 1, column 4: expected timestamp or new record, got "{""#),
        ])
    func reports(_ testCase: ErrorCase) {
        var parser = TextParser(testCase.input)
        #expect(firstError(&parser) == testCase.error)
    }

    @Test("rejects invalid UTF-8 in label names, label values and help")
    func invalidUTF8() {
        let cases: [([UInt8], String)] = [
            (Array("a{".utf8) + [0xFF] + Array("=\"foo\"} 1\n".utf8), #"line 1, column 3: expected label name, got "\#u{FFFD}=\"foo\"}""#),
            (Array("a{b=\"".utf8) + [0xC0, 0x80] + Array("\"} 1\n".utf8), "line 1, column 6: invalid UTF-8 label value"),
            (Array("# HELP a ".utf8) + [0xED, 0xA0, 0x80] + [0x0A], "line 1, column 10: help text is not valid UTF-8"),
        ]
        for (bytes, expected) in cases {
            var parser = TextParser(bytes: bytes)
            #expect(firstError(&parser) == expected)
        }
    }

    @Test("keeps throwing the same error after the first one")
    func sticky() throws {
        var parser = TextParser("a 1\nb x\nc 3\n")
        _ = try parser.next()
        let first = try #require(throws: ExpositionError.self) { try parser.next() }
        let second = try #require(throws: ExpositionError.self) { try parser.next() }
        #expect(first == second)
    }
}

@Suite("text format acceptance")
struct TextParserAcceptanceTests {
    static func parse(_ text: String) throws -> [ExpositionEntry] {
        var parser = TextParser(text)
        return try parseAll(&parser).get()
    }

    @Test("reads metadata, comments, escapes, special values and timestamps")
    func readsEverything() throws {
        let entries = try Self.parse(
            """
            # HELP go_gc A summary of \\\\ the GC\\n durations.
            # TYPE go_gc summary
            #   a comment
            #
            # HELP nohelp1
            go_gc{quantile="0",path="C:\\\\DIR\\\\F \\"x\\"\\n\\z"} +Inf -3982045

              \t blank_lines_and_blanks  NaN\t
            a{b="c",} -inf 1
            inf_metric InFiNiTy
            """)
        #expect(entries.count == 9)
        #expect(entries[0] == .help(metric: "go_gc", text: "A summary of \\ the GC\n durations."))
        #expect(entries[1] == .type(metric: "go_gc", .summary))
        #expect(entries[2] == .comment("a comment"))
        #expect(entries[3] == .comment(""))
        #expect(entries[4] == .help(metric: "nohelp1", text: ""))
        let labels = Labels(["__name__": "go_gc", "quantile": "0", "path": "C:\\DIR\\F \"x\"\n\\z"])
        #expect(entries[5] == .sample(ExpositionSample(labels: labels, value: .infinity, timestamp: -3_982_045)))
        guard case .sample(let nan) = entries[6] else { Issue.record("not a sample"); return }
        #expect(nan.value.isNaN && nan.metricName == "blank_lines_and_blanks")
        #expect(entries[7] == .sample(ExpositionSample(labels: Labels(["__name__": "a", "b": "c"]), value: -.infinity, timestamp: 1)))
        #expect(entries[8] == .sample(ExpositionSample(labels: Labels(["__name__": "inf_metric"]), value: .infinity)))
    }

    @Test("accepts a TYPE after samples and a repeated TYPE, as Prometheus does")
    func lenientMetadata() throws {
        let entries = try Self.parse("a 1\n# TYPE a gauge\n# TYPE a counter\n")
        #expect(entries.count == 3)
    }

    @Test("sorts labels by name in byte order with __name__ among them")
    func sortsLabels() throws {
        let entries = try Self.parse("m{z=\"1\",A=\"2\",a=\"3\"} 1\n")
        guard case .sample(let sample) = entries.first else { Issue.record("not a sample"); return }
        #expect(sample.labels.map(\.name) == ["A", "__name__", "a", "z"])
    }
}

