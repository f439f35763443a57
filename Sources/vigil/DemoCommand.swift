import ArgumentParser
import AsyncHTTPClient
import Foundation
import Metrics
import Operator
import Prometheus
import Scrape

/// `vigil demo`: the embedded default. No cluster needed.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the Kthena example end to end without a cluster: examples in memory, a local inference service, the operator and its engine.")

    @Option(help: "Directory (or file) of example manifests; crds/ is skipped.") var examples: String = "examples"
    @Option(name: [.short, .customLong("output")], help: "Where generated files go (prometheus/, rules/, dashboards/).")
    var output: String = "vigil-out"
    @Option(help: "HOST:PORT for /metrics, /healthz and /readyz.") var listen: String = "127.0.0.1:9095"
    @Option(help: "Stop after this many seconds (tests, CI); default: until Ctrl-C.") var duration: Double?
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        guard let address = OperatorHTTPServer.Address(listen) else {
            throw ValidationError("--listen: expected HOST:PORT, got \(listen)")
        }
        let logger = logging.makeLogger()
        let documents = try ManifestFiles.documents(at: examples)
        let registry = MetricsBootstrap.prometheus()
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPScrapeClient.makeHTTPClientConfiguration())
        let runner = DemoRunner(
            documents: documents, outputDirectory: URL(fileURLWithPath: output), listen: address,
            duration: duration.map { .milliseconds(Int64($0 * 1000)) }, redrawsInPlace: isatty(STDOUT_FILENO) == 1,
            write: { text in FileHandle.standardOutput.write(Data(text.utf8)) })
        let rows: [ConditionTable.Row]
        do {
            rows = try await runner.run(scrapeClient: try HTTPScrapeClient(httpClient: httpClient), registry: registry, logger: logger)
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
        let summary = ConditionTable.allReady(rows) ? "all objects Ready" : "not every object is Ready"
        FileHandle.standardOutput.write(Data("\(summary); generated files in \(output)/\n".utf8))
    }
}

/// The process's metrics go to one Prometheus registry, served on `/metrics`.
enum MetricsBootstrap {
    static func prometheus() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }
}
