import ArgumentParser
import Foundation
import Operator

/// `vigil query EXPR`: evaluates PromQL over an OpenMetrics data file through the same
/// code as the HTTP API, printing the API's JSON (`-o json`) or promtool-style lines.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Evaluate a PromQL query (instant, or range with --start/--end/--step) over a data file.")

    @Argument(help: "The PromQL expression.") var expression: String
    @Option(help: "Time of an instant query (unix seconds or RFC 3339); default: the newest sample of --data, else now.")
    var time: String?
    @Option(help: "Start of a range query (needs --end and --step).") var start: String?
    @Option(help: "End of a range query.") var end: String?
    @Option(help: "Step of a range query: seconds or a duration such as 1m.") var step: String?
    @Option(help: "OpenMetrics file with timestamps, as promtool tsdb create-blocks-from openmetrics reads.")
    var data: String?
    @Option(name: .shortAndLong, help: "Output: json (exactly the HTTP API's answer) or table.")
    var output: LocalQuery.Format = .table

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    func validate() throws {
        let rangeOptions = [start, end, step].compactMap { $0 }
        if !rangeOptions.isEmpty && rangeOptions.count != 3 {
            throw ValidationError("a range query needs all of --start, --end and --step")
        }
        if !rangeOptions.isEmpty && time != nil {
            throw ValidationError("--time is for instant queries; a range query takes --start, --end and --step")
        }
    }

    func run() async throws {
        var bytes: [UInt8]?
        if let data {
            do {
                bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: data)))
            } catch {
                throw Failed(description: "--data \(data): \(error.localizedDescription)")
            }
        }
        let form: LocalQuery.Form
        if let start, let end, let step {
            form = .range(start: start, end: end, step: step)
        } else {
            form = .instant(time: time)
        }
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        let result = LocalQuery(expression: expression, form: form, format: output).run(data: bytes, now: now)
        let stream = result.exitCode == 0 || output == .json ? FileHandle.standardOutput : FileHandle.standardError
        stream.write(Data(result.output.utf8))
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }
}

extension LocalQuery.Format: ExpressibleByArgument {}
