import ArgumentParser
import Foundation
import Operator

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
        do {
            // The composition root owns the wall clock: "now" is the default query time.
            try await APIServer.serve(data: bytes, host: address.host, port: address.port, logger: logger,
                                      now: { Int64((Date().timeIntervalSince1970 * 1000).rounded()) })
        } catch let error as OpenMetricsDataLoader.LoadError {
            throw Failed(description: "--data \(data): \(error)")
        }
    }
}
