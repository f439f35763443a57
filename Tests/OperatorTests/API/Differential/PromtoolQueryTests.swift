import Foundation
import Hummingbird
import HummingbirdTesting
import Operator
import TSDB
import Testing

/// `promtool query`, Prometheus's own API client, against Vigil's HTTP API.
@Suite struct PromtoolQueryTests {
    @Test func promtoolQueryInstantReadsVigilsAnswer() async throws {
        guard try PrometheusOracle.isAvailable() else {
            print("promtool query: skipped, \(PrometheusOracle.promtoolPath) not installed")
            return
        }
        // promtool asks for "now", so the samples must be recent: the test's clock is the
        // composition root here.
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let seconds = Double(now - 10_000) / 1000
        let store = TimeSeriesStore()
        _ = try OpenMetricsDataLoader.load("""
            up{instance="10.0.0.1:8080",job="api"} 1 \(seconds)
            up{instance="10.0.0.2:8080",job="api"} 0 \(seconds)
            # EOF

            """, into: store)
        let router = Router()
        PrometheusAPI(storage: store, now: { Int64(Date().timeIntervalSince1970 * 1000) }).addRoutes(to: router)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let (instant, range) = try await app.test(.live) { client in
            let url = "http://127.0.0.1:\(client.port ?? 0)"
            let instant = try await Self.promtool(["query", "instant", url, "up"])
            let range = try await Self.promtool([
                "query", "range", "--start=\(Int(seconds) - 60)", "--end=\(Int(seconds) + 60)", "--step=60s", url,
                "sum(up)",
            ])
            return (instant, range)
        }
        let lines = instant.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(instant)")
        #expect(lines.first?.hasPrefix("up{instance=\"10.0.0.1:8080\", job=\"api\"} => 1 @[") == true, "\(instant)")
        #expect(lines.last?.hasPrefix("up{instance=\"10.0.0.2:8080\", job=\"api\"} => 0 @[") == true, "\(instant)")
        #expect(range.hasPrefix("{} =>\n1 @["), "\(range)")
    }

    /// Runs promtool off the cooperative pool (it blocks while the server answers).
    static func promtool(_ arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    continuation.resume(returning: try PrometheusOracle.run(PrometheusOracle.promtoolPath, arguments))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
