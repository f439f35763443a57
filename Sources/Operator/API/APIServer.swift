import Hummingbird
import Logging
import TSDB

/// `vigil serve`: the Prometheus API alone over a store, on one address.
public enum APIServer {
    /// Why a `--listen` value was refused.
    public struct AddressError: Error, Sendable, Equatable, CustomStringConvertible {
        public var text: String

        public init(text: String) {
            self.text = text
        }

        public var description: String { "not a host:port address: \(text)" }
    }

    /// Reads `host:port` (`127.0.0.1:9090`, `[::1]:9090`, `:9090` for all interfaces).
    public static func listenAddress(_ text: String) throws(AddressError) -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65_535).contains(port) else { throw AddressError(text: text) }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host.isEmpty ? "0.0.0.0" : host, port)
    }

    /// `vigil serve`: loads an OpenMetrics file with timestamps into a fresh store, logs
    /// what it holds, and serves ``application(api:host:port:logger:)`` until SIGINT or
    /// SIGTERM. `now` (ms) is the default time of instant queries.
    public static func serve(data: [UInt8], host: String, port: Int, logger: Logger,
                             now: @escaping @Sendable () -> Int64) async throws {
        let store = TimeSeriesStore()
        let summary = try OpenMetricsDataLoader.load(bytes: data, into: store)
        logger.info("data loaded", metadata: [
            "vigil.data.samples": "\(summary.samples)", "vigil.data.series": "\(summary.series)",
            "vigil.data.range": "\(summary.timeRange.map { "\($0.lowerBound)...\($0.upperBound)" } ?? "none")",
        ])
        let api = PrometheusAPI(storage: store, now: now)
        try await application(api: api, host: host, port: port, logger: logger).runService()
    }

    /// An application serving ``PrometheusAPI`` under `/api/v1` plus `/-/healthy` and
    /// `/-/ready` (what Prometheus clients probe). Run it with `runService()`, which stops
    /// gracefully on SIGINT/SIGTERM.
    public static func application<Storage: Queryable>(
        api: PrometheusAPI<Storage>, host: String, port: Int, logger: Logger
    ) -> some ApplicationProtocol {
        let router = Router()
        api.addRoutes(to: router)
        router.get("/-/healthy") { _, _ in "Prometheus Server is Healthy.\n" }
        router.get("/-/ready") { _, _ in "Prometheus Server is Ready.\n" }
        return Application(router: router, configuration: .init(address: .hostname(host, port: port)),
                           logger: logger)
    }
}
