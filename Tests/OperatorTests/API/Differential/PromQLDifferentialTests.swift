import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Operator
import TSDB
import Testing

/// Vigil's HTTP API against Debian's Prometheus 2.42 on the same synthetic data: every
/// query of ``DifferentialQueries`` as an instant and as a range query, compared by
/// ``ResultComparison``. Prints `promql differential: N agreed, M differed`.
@Suite(.serialized) struct PromQLDifferentialTests {
    /// Differences understood and accepted, with the reason. Keys are "instant|query" or
    /// "range|query".
    static let acceptedDifferences: [String: String] = [:]

    static func vigilApplication() throws -> some ApplicationProtocol {
        let store = TimeSeriesStore(options: TimeSeriesStore.Options(retention: Int64.max / 2))
        _ = try OpenMetricsDataLoader.load(SyntheticData.openMetrics(), into: store)
        let router = Router()
        PrometheusAPI(storage: store, now: { SyntheticData.end * 1000 }).addRoutes(to: router)
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test func vigilAnswersAsPrometheusDoes() async throws {
        guard try PrometheusOracle.isAvailable() else {
            print("promql differential: skipped, \(PrometheusOracle.prometheusPath) or promtool not installed")
            return
        }
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        let oracle: PrometheusOracle
        do {
            oracle = try await PrometheusOracle.start(openMetrics: SyntheticData.openMetrics(), httpClient: httpClient)
        } catch {
            try await httpClient.shutdown()
            throw error
        }
        defer { oracle.stop() }
        let app = try Self.vigilApplication()
        let outcome: (agreed: Int, differences: [String])
        do {
            outcome = try await app.test(.live) { client in
                let vigilURL = "http://127.0.0.1:\(client.port ?? 0)"
                return try await Self.compareAll(vigilURL: vigilURL, prometheusURL: oracle.baseURL,
                                                 fetcher: APIFetcher(httpClient: httpClient))
            }
        } catch {
            try await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
        print("promql differential: \(outcome.agreed) agreed, \(outcome.differences.count) differed")
        for difference in outcome.differences { print("  " + difference) }
        #expect(DifferentialQueries.all.count >= 300)
        #expect(outcome.differences.isEmpty, "\(outcome.differences.count) differences")
    }

    static func compareAll(vigilURL: String, prometheusURL: String, fetcher: APIFetcher) async throws
        -> (agreed: Int, differences: [String]) {
        var agreed = 0
        var nonEmpty = 0
        var errors = 0
        var differences: [String] = []
        func compare(_ mode: String, _ query: String, _ path: String, _ parameters: [(String, String)]) async throws {
            let key = "\(mode)|\(query)"
            let vigil = try await fetcher.get(vigilURL, path, parameters)
            let prometheus = try await fetcher.get(prometheusURL, path, parameters)
            if prometheus.json["status"] as? String == "error" {
                errors += 1
                let vigilMessage = vigil.json["error"] as? String ?? ""
                let prometheusMessage = prometheus.json["error"] as? String ?? ""
                if vigilMessage != prometheusMessage {
                    print("  message differs for \(key): \(vigilMessage) | \(prometheusMessage)")
                }
            }
            if let data = prometheus.json["data"] as? [String: Any], let result = data["result"] as? [Any],
               !result.isEmpty { nonEmpty += 1 }
            let difference = ResultComparison.difference(
                vigil: vigil, prometheus: prometheus, ordered: mode == "instant" && DifferentialQueries.isOrdered(query))
            if let difference, acceptedDifferences[key] == nil {
                differences.append("\(mode) \(query) [\(parameters.map { "\($0.0)=\($0.1)" }.joined(separator: " "))]: "
                    + difference)
            } else {
                agreed += 1
            }
        }
        let middle = String(SyntheticData.start + 5_400)
        let rangeParameters = [("start", String(SyntheticData.start + 1_800)), ("end", String(SyntheticData.start + 9_000)),
                               ("step", "60")]
        for query in DifferentialQueries.all {
            try await compare("instant", query, "/api/v1/query", [("query", query), ("time", middle)])
            try await compare("range", query, "/api/v1/query_range", [("query", query)] + rangeParameters)
        }
        for query in DifferentialQueries.edgeQueries {
            for time in DifferentialQueries.edgeTimes {
                try await compare("instant", query, "/api/v1/query", [("query", query), ("time", String(time))])
            }
            // An unaligned step that runs past the end of the data.
            try await compare("range", query, "/api/v1/query_range", [
                ("query", query), ("start", String(SyntheticData.end - 3_000)), ("end", String(SyntheticData.end + 700)),
                ("step", "37s"),
            ])
        }
        for path in ["/api/v1/labels", "/api/v1/label/job/values", "/api/v1/label/__name__/values"] {
            try await compare("metadata", path, path, [])
        }
        // Guards against a vacuous pass (e.g. Prometheus serving no data at all).
        print("promql differential: \(nonEmpty) non-empty results, \(errors) errors (both sides agreeing)")
        #expect(nonEmpty > agreed / 2)
        return (agreed, differences)
    }
}
