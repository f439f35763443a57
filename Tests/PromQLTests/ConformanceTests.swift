import Testing
@testable import PromQL

@Suite("Conformance expressions (shared/conformance/promql/testdata)")
struct ConformanceTests {
    @Test("the conformance scripts are found and hold hundreds of eval commands")
    func scriptsAreFound() throws {
        #expect(try ConformanceExpression.all().count > 500)
    }

    @Test("every eval expression of the v2.42 scripts parses")
    func everyExpressionParses() throws {
        var parsed = 0
        var failed: [String] = []
        for expression in try ConformanceExpression.all() {
            do {
                _ = try Parser.parse(expression.query)
                parsed += 1
            } catch {
                failed.append("\(expression.testDescription): \(error)")
            }
        }
        // The summary line the brief asks for; tests may print, library code may not.
        print("promql parse conformance: \(parsed) parsed, \(failed.count) failed")
        #expect(failed == [])
    }

    @Test("printing and parsing again gives the same tree for every eval expression")
    func roundTrip() throws {
        for expression in try ConformanceExpression.all() {
            let tree = try Parser.parse(expression.query)
            let printed = tree.description
            let again = try Parser.parse(printed)
            #expect(again.normalized == tree.normalized, "\(expression.testDescription) printed as \(printed)")
            #expect(again.description == printed)
        }
    }
}
