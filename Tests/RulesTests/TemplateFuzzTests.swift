import Rules
import TSDB
import Testing

@Suite("Template robustness")
struct TemplateFuzzTests {
    /// SplitMix64: a seeded generator so failures reproduce.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = [
        "{{", "}}", "{{-", "-}}", " ", "\n", "$labels", ".job", "$value", ".", "$x", ":=", "=", "|", "(", ")",
        "\"s\"", "`r`", "'c'", "1", "-2.5", "0x1f", "1e3", "true", "nil", "if", "else", "end", "range", "with",
        "break", "continue", "define", "humanize", "printf", "\"%d %s %5.2f %q %\"", "query", "\"up\"", "first",
        "value", "label", "len", "index", "eq", "lt", "and", "not", "reReplaceAll", "\"(a\"", "/*", "*/",
        "humanizeDuration", "humanizeTimestamp", "title", "toUpper", ",", "$i", "$e", "\"%99999999d\"", "\\", "\"",
    ]

    @Test("random token soups parse or fail with a positioned error, and never crash when expanded")
    func soups() {
        var random = Generator(state: 42)
        let data = AlertTemplateData(labels: Labels(["job": "api", "__name__": "up"]), value: 3.5)
        let query: @Sendable (String) throws -> [TemplateSample] = { _ in
            [TemplateSample(labels: ["job": "a"], value: 1)]
        }
        var parsed = 0
        for _ in 0..<4000 {
            let count = Int.random(in: 1...14, using: &random)
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &random) ?? "" }.joined()
            do {
                _ = try TemplateParser.parse(text)
                parsed += 1
            } catch {
                #expect(error.line >= 1 && error.column >= 1, "\(text)")
            }
            let expanded = AlertTemplate.expand(text, alertName: "Fuzz", data: data,
                                                context: TemplateContext(query: query))
            #expect(expanded.utf8.count < 2_000_000)
        }
        #expect(parsed > 0)
    }

    @Test("deep nesting is refused instead of exhausting the stack")
    func depth() {
        let deep = "{{ " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000) + " }}"
        #expect(throws: TemplateError.self) { try TemplateParser.parse(deep) }
        let ifs = String(repeating: "{{ if true }}", count: 5000) + String(repeating: "{{ end }}", count: 5000)
        #expect(throws: TemplateError.self) { try TemplateParser.parse(ifs) }
    }

    struct FloatCase: Sendable, CustomStringConvertible {
        var format: String
        var value: Double
        var expected: String
        var description: String { "\(format) \(value)" }
    }

    /// Expected strings are what Go's fmt prints.
    @Test("printf formats floats as Go does", arguments: [
        FloatCase(format: "%v", value: 1e21, expected: "1e+21"),
        FloatCase(format: "%v", value: 123456, expected: "123456"),
        FloatCase(format: "%v", value: 1234567, expected: "1.234567e+06"),
        FloatCase(format: "%v", value: 0.1 + 0.2, expected: "0.30000000000000004"),
        FloatCase(format: "%v", value: -0.0, expected: "-0"),
        FloatCase(format: "%g", value: .leastNonzeroMagnitude, expected: "5e-324"),
        FloatCase(format: "%.4g", value: 1234.5, expected: "1234"),
        FloatCase(format: "%.4g", value: 12345, expected: "1.234e+04"),
        FloatCase(format: "%.4g", value: 0.0001, expected: "0.0001"),
        FloatCase(format: "%.4g", value: 0.00001234, expected: "1.234e-05"),
        FloatCase(format: "%.4g", value: 100, expected: "100"),
        FloatCase(format: "%.2f", value: 2.675, expected: "2.67"),
        FloatCase(format: "%e", value: 0, expected: "0.000000e+00"),
        FloatCase(format: "%.0f", value: 2.5, expected: "2"),
        FloatCase(format: "%+.1f", value: 2, expected: "+2.0"),
        FloatCase(format: "%8.3f|", value: -1.5, expected: "  -1.500|"),
        FloatCase(format: "%f", value: .infinity, expected: "+Inf"),
        FloatCase(format: "%.3g", value: .nan, expected: "NaN"),
    ])
    func floats(_ testCase: FloatCase) throws {
        let data = AlertTemplateData(labels: Labels(), value: testCase.value)
        let text = try AlertTemplate.render("{{ printf \"\(testCase.format)\" $value }}", alertName: "F", data: data)
        #expect(text == testCase.expected)
    }
}
