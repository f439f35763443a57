import Testing
@testable import Exposition

@Suite("content negotiation")
struct NegotiationTests {
    @Test(
        "picks OpenMetrics only for application/openmetrics-text",
        arguments: [
            ("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.openMetrics),
            ("Application/OpenMetrics-Text", .openMetrics),
            (" application/openmetrics-text ;version=0.0.1", .openMetrics),
            ("text/plain; version=0.0.4; charset=utf-8", .text),
            ("application/json", .text),
            ("", .text),
            (";;;", .text),
        ])
    func picks(_ contentType: String, _ format: ExpositionFormat) {
        #expect(ExpositionFormat(contentType: contentType) == format)
        #expect(ExpositionFormat.parser(for: contentType, bytes: []).format == format)
    }

    @Test("a missing Content-Type means the text format")
    func missing() {
        #expect(ExpositionFormat(contentType: nil) == .text)
    }

    @Test("sends the Accept header of Prometheus 2.42")
    func acceptHeader() {
        #expect(ExpositionFormat.scrapeAcceptHeader
            == "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
    }

    @Test("the negotiated parser parses")
    func parses() throws {
        var parser = ExpositionFormat.parser(for: "application/openmetrics-text", bytes: Array("a 1\n# EOF\n".utf8))
        #expect(try parser.next() != nil)
        #expect(try parser.next() == nil)
    }
}

@Suite("number syntax")
struct NumberSyntaxTests {
    static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        return try? NumberParsing.parseDouble(bytes, 0, bytes.count)
    }

    @Test(
        "accepts what Go's ParseFloat accepts",
        arguments: [
            ("1", 1.0), ("-1.5", -1.5), ("+.5", 0.5), ("5.", 5.0), ("1e3", 1000), ("1E-3", 0.001), ("0.1", 0.1),
            ("Inf", .infinity), ("+inf", .infinity), ("-INF", -.infinity), ("infinity", .infinity),
            ("-Infinity", -.infinity), ("00012", 12), ("1.7976931348623157e308", 1.7976931348623157e308),
            ("123456789012345678901234567890", 1.2345678901234568e29), ("4.9e-324", 4.9e-324), ("1e-400", 0),
            ("0.30000000000000004", 0.30000000000000004), ("9007199254740993", 9007199254740992),
        ])
    func accepts(_ text: String, _ expected: Double) {
        #expect(Self.parse(text) == expected)
    }

    @Test("NaN is accepted in any case but without a sign")
    func nan() {
        #expect(Self.parse("NaN")?.isNaN == true)
        #expect(Self.parse("nan")?.isNaN == true)
        #expect(Self.parse("+NaN") == nil)
    }

    @Test(
        "rejects hex, underscores, and malformed numbers",
        arguments: ["", "+", "-", ".", "e3", "1e", "1e+", "0x10", "0x1p-3", "1_000", "1.2.3", "1e3.5", "infinit", "in", "1 ", " 1", "∞", "1e999"])
    func rejects(_ text: String) {
        #expect(Self.parse(text) == nil)
    }
}

@Suite("Labels and SymbolTable")
struct LabelsAndSymbolsTests {
    @Test("labels sort by byte order and the last duplicate wins")
    func labelsSort() {
        let labels = Labels([Label(name: "b", value: "1"), Label(name: "B", value: "2"), Label(name: "b", value: "3")])
        #expect(labels.map(\.name) == ["B", "b"])
        #expect(labels["b"] == "3")
        #expect(labels.setting("a", to: "x").map(\.name) == ["B", "a", "b"])
        #expect(labels.removing("B").map(\.name) == ["b"])
        #expect(Labels(["__name__": "up", "x": "a\"b"]).description == #"{__name__="up", x="a\"b"}"#)
    }

    @Test("interns long strings so repeated values are shared and bounded")
    func interning() {
        var table = SymbolTable(capacity: 16)
        let long = Array("a_rather_long_label_value_indeed".utf8)
        let first = table.string(long, 0, long.count)
        let second = table.string(long, 0, long.count)
        #expect(first == second)
        #expect(table.count == 1)
        #expect(table.string(long, 0, 5) == "a_rat")  // short strings bypass the table
        #expect(table.count == 1)
        for index in 0..<100 {
            let bytes = Array("value_number_\(index)_with_padding".utf8)
            #expect(table.string(bytes, 0, bytes.count) == "value_number_\(index)_with_padding")
        }
        #expect(table.count <= 16)
    }

    @Test("a table handed from one parse to the next keeps its strings")
    func reuse() throws {
        var parser = TextParser("metric_with_a_long_name{label=\"a_long_enough_value\"} 1\n")
        _ = try parseAll(&parser).get()
        let symbols = parser.symbols
        #expect(symbols.count == 2)
        var next = TextParser("metric_with_a_long_name{label=\"a_long_enough_value\"} 2\n", symbols: symbols)
        _ = try parseAll(&next).get()
        #expect(next.symbols.count == 2)
    }
}
