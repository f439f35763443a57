import Testing
@testable import PromQL

struct AcceptCase: Sendable, CustomTestStringConvertible {
    let input: String
    let printed: String
    init(_ input: String, prints printed: String) {
        self.input = input
        self.printed = printed
    }
    var testDescription: String { input }
}

struct RejectCase: Sendable, CustomTestStringConvertible {
    let input: String
    let message: String
    init(_ input: String, _ message: String) {
        self.input = input
        self.message = message
    }
    var testDescription: String { input }
}

@Suite("Parser against Prometheus 2.42 (promtool-verified)")
struct ParserOracleTests {
    @Test("accepts what Prometheus accepts and prints it in Prometheus's shape", arguments: acceptedByPrometheus)
    func accepts(_ c: AcceptCase) throws {
        let expression = try Parser.parse(c.input)
        #expect(expression.description == c.printed)
    }

    @Test("rejects what Prometheus rejects, with the same message and position", arguments: rejectedByPrometheus)
    func rejects(_ c: RejectCase) {
        #expect(throws: ParseError.self) { try Parser.parse(c.input) }
        do {
            _ = try Parser.parse(c.input)
        } catch {
            #expect(error.description == c.message)
        }
    }
}
