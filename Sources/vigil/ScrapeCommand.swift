import ArgumentParser
import AsyncHTTPClient
import Exposition
import Foundation
import Scrape

/// `vigil scrape URL`: one scrape, the way the engine does it (same Accept header, parsers
/// and error wording), printing the parsed series or the exact error a target's status
/// would show.
struct ScrapeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrape",
        abstract: "Scrape one target once and print the parsed series, or the exact error.")

    @Argument(help: "The target's metrics URL, e.g. http://127.0.0.1:9100/metrics.") var url: String
    @Option(help: "Give up after this long (Prometheus duration, e.g. 10s).") var timeout: String = "10s"
    @Option(help: "Largest body accepted, in bytes; 0 for no limit.") var bodySizeLimit: Int = 0
    @Option(help: "Send this bearer token.") var bearerToken: String?
    @OptionGroup var logging: LoggingOptions

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    func run() async throws {
        guard let timeoutDuration = PrometheusDuration.parse(timeout) else {
            throw ValidationError("--timeout: not a duration: \(timeout)")
        }
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPScrapeClient.makeHTTPClientConfiguration())
        let result: ScrapeOnce.Result
        do {
            let client = try HTTPScrapeClient(httpClient: httpClient)
            result = await ScrapeOnce.scrape(
                url: url,
                options: ScrapeOnce.Options(
                    timeout: timeoutDuration, bodySizeLimit: bodySizeLimit,
                    authorization: bearerToken.map { .bearer(token: $0) }),
                client: client)
        } catch {
            try? await httpClient.shutdown()
            throw Failed(description: "\(error)")
        }
        try await httpClient.shutdown()
        switch result.outcome {
        case .success(let samples):
            var text = ""
            for sample in samples {
                text += Self.seriesText(sample.labels) + " " + Self.format(sample.value)
                if let timestamp = sample.timestamp { text += " \(timestamp)" }
                text += "\n"
            }
            text += "# \(samples.count) samples, \(result.bodySize ?? 0) bytes, content type \(result.contentType ?? "none")\n"
            FileHandle.standardOutput.write(Data(text.utf8))
        case .failure(let error):
            throw Failed(description: "scrape \(url): \(error)")
        }
    }

    /// `name{label="value", ...}` as in the exposition format.
    static func seriesText(_ labels: Exposition.Labels) -> String {
        let name = labels.first { $0.name == "__name__" }?.value ?? ""
        let rest = labels.filter { $0.name != "__name__" }.map { label in
            "\(label.name)=\"" + label.value.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
        }
        return rest.isEmpty ? name : name + "{" + rest.joined(separator: ",") + "}"
    }

    /// Prometheus's spelling of values: integers without a fraction, NaN, +Inf, -Inf.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
