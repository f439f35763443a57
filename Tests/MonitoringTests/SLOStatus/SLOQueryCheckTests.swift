import Testing
@testable import Monitoring

@Suite("SLI queries are checked with Vigil's PromQL parser")
struct SLOQueryCheckTests {
    static func serviceLevel(errorQuery: String, totalQuery: String) -> ServiceLevel {
        ServiceLevel(metadata: .init(name: "availability", namespace: "shop"),
                     spec: .init(service: "checkout", objective: 99.9,
                                 sli: SLOIndicatorSpec(events: .init(errorQuery: errorQuery, totalQuery: totalQuery))))
    }

    static let checked = SLOGenerationOptions.vigil.checkingQueries()

    @Test("a syntax error is reported at its position in the query as written")
    func positionsPointIntoTheTemplate() {
        // Prometheus reports an unclosed parenthesis at the end of the input: column 36 of
        // the query as written (27 in the query with 1m substituted).
        let level = Self.serviceLevel(errorQuery: "sum(rate(errors_total[{{.window}}])",
                                      totalQuery: "sum(rate(requests_total[{{ .window }}]))")
        let error = #expect(throws: SLOValidationError.self) { try SLOValidator.definition(of: level, options: Self.checked) }
        #expect(error?.issues.map(\.description) == [
            "spec.sli.events.errorQuery: 1:36: parse error: unclosed left parenthesis (InvalidQuery)",
        ])
    }

    @Test("a type error after a placeholder keeps its column")
    func typeErrorColumn() {
        let level = Self.serviceLevel(errorQuery: "rate(errors_total[{{.window}}]) + rate(x)",
                                      totalQuery: "sum(rate(requests_total[{{.window}}]))")
        let error = #expect(throws: SLOValidationError.self) { try SLOValidator.definition(of: level, options: Self.checked) }
        let query = "rate(errors_total[{{.window}}]) + rate(x)"
        let column = query.utf8.count - "x)".utf8.count + 1
        #expect(error?.issues.map(\.message) == [
            "1:\(column): parse error: expected type range vector in call to function \"rate\", got instant vector",
        ])
    }

    @Test("valid queries pass, and without the checker nothing is parsed")
    func validAndDisabled() throws {
        let good = Self.serviceLevel(errorQuery: "sum(rate(e[{{.window}}]))", totalQuery: "sum(rate(t[{{.window}}]))")
        _ = try SLOValidator.definition(of: good, options: Self.checked)
        let bad = Self.serviceLevel(errorQuery: "sum(rate(e[{{.window}}]) +", totalQuery: "sum(rate(t[{{.window}}]))")
        _ = try SLOValidator.definition(of: bad, options: .vigil)
    }
}

@Suite("Checker positions are moved back into the query template")
struct SLOQueryPositionTests {
    @Test(arguments: [
        // (message about the 1m rendering, query, expected message)
        ("1:5: parse error: x", "sum(rate(e[{{.window}}]))", "1:5: parse error: x"),
        ("1:14: parse error: x", "sum(rate(e[{{.window}}])) +", "1:23: parse error: x"),
        // Inside the substituted window: the placeholder's first byte.
        ("1:13: parse error: x", "sum(rate(e[{{ .window }}]))", "1:12: parse error: x"),
        ("2:10: parse error: x", "a[{{.window}}]\n/ b[{{.window}}] +", "2:19: parse error: x"),
        ("no position here", "a[{{.window}}]", "no position here"),
    ])
    func translates(_ message: String, _ query: String, _ expected: String) {
        #expect(SLOQueryTemplate.translatingPosition(in: message, renderedWith: .minutes(1), query: query) == expected)
    }
}
