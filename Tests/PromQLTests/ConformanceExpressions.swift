import Foundation
import Testing
import VigilTestSupport

/// One `eval`, `eval_ordered` or `eval_fail` query from a Prometheus `.test` script.
struct ConformanceExpression: Sendable, CustomTestStringConvertible {
    let file: String
    let line: Int
    let command: String
    let query: String

    var testDescription: String { "\(file):\(line) \(query)" }

    /// Reads every eval command of `shared/conformance/promql/testdata/*.test`. Only the
    /// command line is needed here; `load` blocks and expected results are skipped.
    static func all() throws -> [ConformanceExpression] {
        let directory = SharedData.url("conformance/promql/testdata")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".test") }
            .sorted()
        var found: [ConformanceExpression] = []
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let parsed = parseEvalLine(rawLine.trimmingCharacters(in: .whitespaces)) {
                    found.append(ConformanceExpression(file: name, line: index + 1, command: parsed.command,
                                                       query: parsed.query))
                }
            }
        }
        return found
    }

    /// `eval[_fail|_ordered] instant at <duration> <query>` → (command, query).
    static func parseEvalLine(_ line: String) -> (command: String, query: String)? {
        var words = line.split(maxSplits: 4, omittingEmptySubsequences: true) { $0 == " " || $0 == "\t" }
        guard words.count == 5, ["eval", "eval_fail", "eval_ordered"].contains(words[0]),
              words[1] == "instant", words[2] == "at" else { return nil }
        let query = String(words.removeLast())
        return (String(words[0]), query)
    }
}
