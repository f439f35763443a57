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

/// The `Oracle*Cases` tables hold Prometheus 2.42's verdict on each input, taken from
/// Debian's `promtool` 2.42.0: every input was written as the `expr` of a recording rule in a
/// YAML block scalar and checked with `promtool check rules`, whose message after
/// "could not parse expression: " is the expected text (positions are relative to the
/// expression, lines included). To extend: run new inputs the same way, keep only those whose
/// verdict is understood, and add them to a table (or a new one listed below).
@Suite("Parser against Prometheus 2.42 (promtool-verified)")
struct ParserOracleTests {
    static let accepted = OracleSyntaxCases.accepted + OracleFunctionsCases.accepted + OracleRegexCases.accepted
        + OracleMutationsACases.accepted + OracleMutationsBCases.accepted + OracleMutationsCCases.accepted
        + OracleMultiLineCases.accepted + OracleGeneratedCases.accepted + OracleTypedCases.accepted
    static let rejected = OracleSyntaxCases.rejected + OracleFunctionsCases.rejected + OracleRegexCases.rejected
        + OracleMutationsACases.rejected + OracleMutationsBCases.rejected + OracleMutationsCCases.rejected
        + OracleMultiLineCases.rejected + OracleGeneratedCases.rejected + OracleTypedCases.rejected

    @Test("accepts what Prometheus accepts and prints it in Prometheus's shape", arguments: accepted)
    func accepts(_ c: AcceptCase) throws {
        let expression = try Parser.parse(c.input)
        #expect(expression.description == c.printed)
    }

    @Test("rejects what Prometheus rejects, with the same message and position", arguments: rejected)
    func rejects(_ c: RejectCase) {
        #expect(throws: ParseError.self) { try Parser.parse(c.input) }
        do {
            _ = try Parser.parse(c.input)
        } catch {
            #expect(error.description == c.message)
        }
    }
}
