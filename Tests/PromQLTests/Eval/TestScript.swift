import PromQL
import TSDB

/// A Prometheus `.test` script (see `shared/conformance/promql/FORMAT.md`), parsed whole
/// before anything runs, as Prometheus's runner does.
struct TestScript {
    enum Command {
        case load(LoadCommand)
        case clear
        case eval(EvalCommand)
    }

    struct LoadCommand {
        /// Series in first-definition order; a repeated label set replaces the earlier one.
        var series: [(labels: Labels, points: [Point])]
    }

    struct EvalCommand {
        enum Kind { case plain, ordered, fail }
        var line: Int
        var kind: Kind
        var query: String
        var expression: Expr
        var time: Milliseconds
        /// A bare number line: the query must return this scalar.
        var expectedScalar: Double?
        /// Otherwise the expected vector, in order (order matters only for `eval_ordered`).
        var expectedVector: [(labels: Labels, value: Double)]
    }

    struct ScriptError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    var commands: [(line: Int, command: Command)] = []

    init(parsing text: String) throws(ScriptError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { raw -> String in
            let trimmed = raw.trimmingWhitespace()
            return trimmed.hasPrefix("#") ? "" : trimmed
        }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let lineNumber = index + 1
            index += 1
            if line.isEmpty { continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            let first = words.first.map { String($0).lowercased() } ?? ""
            if first == "clear" {
                commands.append((lineNumber, .clear))
            } else if first == "load" {
                guard words.count == 2 else { throw ScriptError(line: lineNumber, message: "invalid load command") }
                let step: Milliseconds
                do {
                    step = try PromDuration.parse(String(words[1]))
                } catch {
                    throw ScriptError(line: lineNumber, message: "invalid step: \(error)")
                }
                var load = LoadCommand(series: [])
                while index < lines.count, !lines[index].isEmpty {
                    let description = try SeriesDescription(parsing: lines[index], line: index + 1)
                    var slot: Int64 = 0
                    var points: [Point] = []
                    for item in description.values {
                        if let value = item { points.append(Point(t: slot * step, v: value)) }
                        slot += 1
                    }
                    if let existing = load.series.firstIndex(where: { $0.labels == description.labels }) {
                        load.series[existing].points = points
                    } else {
                        load.series.append((description.labels, points))
                    }
                    index += 1
                }
                commands.append((lineNumber, .load(load)))
            } else if first.hasPrefix("eval") {
                var command = try Self.parseEval(line, line: lineNumber)
                while index < lines.count, !lines[index].isEmpty {
                    let expectation = lines[index]
                    index += 1
                    if let scalar = SeriesDescription.parseNumber(expectation) {
                        command.expectedScalar = scalar
                        break
                    }
                    let description = try SeriesDescription(parsing: expectation, line: index)
                    guard description.values.count == 1, let value = description.values[0] else {
                        throw ScriptError(line: index, message: "expected exactly one value in result line")
                    }
                    command.expectedVector.append((description.labels, value))
                }
                commands.append((lineNumber, .eval(command)))
            } else {
                throw ScriptError(line: lineNumber, message: "invalid command \(first)")
            }
        }
    }

    /// `eval[_fail|_ordered] instant at <duration> <expression>`.
    private static func parseEval(_ line: String, line number: Int) throws(ScriptError) -> EvalCommand {
        var rest = Substring(line)
        func word() -> Substring {
            rest = rest.drop(while: { $0 == " " || $0 == "\t" })
            let end = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? rest.endIndex
            defer { rest = rest[end...] }
            return rest[..<end]
        }
        let keyword = word()
        let kind: EvalCommand.Kind
        switch keyword {
        case "eval": kind = .plain
        case "eval_ordered": kind = .ordered
        case "eval_fail": kind = .fail
        default: throw ScriptError(line: number, message: "invalid eval command \(keyword)")
        }
        guard word() == "instant", word() == "at" else {
            throw ScriptError(line: number, message: "expected `instant at`")
        }
        let timeText = String(word())
        let query = String(rest.drop(while: { $0 == " " || $0 == "\t" }))
        let time: Milliseconds
        do {
            time = try PromDuration.parse(timeText)
        } catch {
            throw ScriptError(line: number, message: "invalid time \(timeText)")
        }
        let expression: Expr
        do {
            expression = try Parser.parse(query)
        } catch {
            throw ScriptError(line: number, message: "parse error in \(query): \(error)")
        }
        return EvalCommand(line: number, kind: kind, query: query, expression: expression, time: time,
                           expectedScalar: nil, expectedVector: [])
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }),
              let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
