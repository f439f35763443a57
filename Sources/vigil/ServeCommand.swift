import ArgumentParser
import Foundation
import Hummingbird
import Operator
import TSDB

/// `vigil serve --data FILE`: the Prometheus-compatible HTTP API over an OpenMetrics data
/// file, so Grafana, promtool or a differential test can query what Prometheus would
/// load from the same file.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the Prometheus HTTP API (/api/v1/query, query_range, series, labels, ...) over a data file.")

    @Option(help: "OpenMetrics file with timestamps, as promtool tsdb create-blocks-from openmetrics reads.")
    var data: String
    @Option(help: "Address to listen on (host:port).") var listen: String = "127.0.0.1:9090"
    @OptionGroup var logging: LoggingOptions

    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    func run() async throws {
        let logger = logging.makeLogger()
        let address: (host: String, port: Int)
        do {
            address = try APIServer.listenAddress(listen)
        } catch {
            throw ValidationError("--listen: \(error)")
        }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: data)))
        } catch {
            throw Failed(description: "--data \(data): \(error.localizedDescription)")
        }
        let store = TimeSeriesStore()
        let summary: OpenMetricsDataLoader.Summary
        do {
            summary = try OpenMetricsDataLoader.load(bytes: bytes, into: store)
        } catch {
            throw Failed(description: "--data \(data): \(error)")
        }
        logger.info("data loaded", metadata: [
            "vigil.data.file": "\(data)", "vigil.data.samples": "\(summary.samples)",
            "vigil.data.series": "\(summary.series)",
        ])
        // The composition root owns the wall clock: "now" is the default query time.
        let api = PrometheusAPI(storage: store, now: { Int64((Date().timeIntervalSince1970 * 1000).rounded()) })
        try await APIServer.application(api: api, host: address.host, port: address.port, logger: logger).runService()
    }
}
