import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import KubernetesClient
@testable import Operator
import Scrape
import Testing
import TSDB
import VigilTestSupport

/// Issue 7's end-to-end oracle: the real controller and engine run on an in-memory
/// cluster (``ConfigScenario``) whose endpoints are live targets on 127.0.0.1; the
/// Prometheus configuration the controller writes to its Secret is then run by Debian's
/// Prometheus 2.42 — Kubernetes SD replaced by file SD listing everything discovery would
/// find (``KubernetesSDSubstitution``) — and both must end up scraping the same targets
/// (per job: final labels, scrape URL, health) and storing the same series.
///
/// Nothing is tolerated: values and timestamps are not compared (the two scrape at
/// different instants), everything else must match.
@Suite("generated configuration run by a real Prometheus")
struct GeneratedConfigOracleTests {
    /// How long, once both have scraped everything, a difference may still be transient
    /// before it is reported: a scrape in flight, or one that timed out (1 s) while a
    /// loaded machine starved the engine or the in-process targets. A real difference
    /// persists; an agreeing run returns at once, so the margin costs nothing there.
    static let settleTime: Duration = .seconds(30)
    /// How long Prometheus may take to start, and then both to scrape every target. Alone
    /// the test takes about 7 s; in a full `swift test` on two cores other suites hold the
    /// cooperative pool (and so the engine and these polls) for a minute and more, hence
    /// the margin, the same as ``eventually(timeout:_:)``'s.
    static let limit: Duration = .seconds(180)

    @Test("Prometheus running the generated configuration scrapes the same targets and series as Vigil's engine")
    func sameTargetsAndSeries() async throws {
        guard try OracleProcess.availableOrSkipped(PrometheusProcess.executable, package: "prometheus") else { return }
        let configuration = ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0))
        let first = Application(router: ConfigTargets.router(), configuration: configuration, logger: quietLogger)
        let second = Application(router: ConfigTargets.router(), configuration: configuration, logger: quietLogger)
        try await first.test(.live) { clientA in
            try await second.test(.live) { clientB in
                let scenario = ConfigScenario(portA: Int32(try #require(clientA.port)),
                                              portB: Int32(try #require(clientB.port)),
                                              closedPort: Int32(try OracleProcess.freePort()))
                try await Self.run(scenario)
            }
        }
    }

    /// Runs controller and engine, then Prometheus on the generated file, and compares.
    static func run(_ scenario: ConfigScenario) async throws {
        let cluster = InMemoryCluster()
        for object in try scenario.objects() { try await cluster.apply(object) }
        let http = HTTPClient(eventLoopGroupProvider: .singleton,
                              configuration: HTTPScrapeClient.makeHTTPClientConfiguration())
        let engine = ScrapeEngine(storage: TimeSeriesStore(), client: try HTTPScrapeClient(httpClient: http),
                                  now: { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }, logger: quietLogger)
        let options = OperatorOptions(operatorNamespace: "vigil-system", scrapeInterval: "1s", statusResync: .seconds(1))
        let controller = Controller(cluster: cluster, engine: engine, options: options, logger: quietLogger)
        let started = Date().timeIntervalSince1970 - 60
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await engine.run() }
                group.addTask { await controller.run() }
                defer { group.cancelAll() }
                let generated = try await generatedConfiguration(in: cluster)
                let substitution = KubernetesSDSubstitution(
                    services: try await cluster.list(Service.self, namespace: nil),
                    slices: try await cluster.list(EndpointSlice.self, namespace: nil),
                    pods: try await cluster.list(Pod.self, namespace: nil))
                let rewritten = try substitution.rewrite(generated)
                let prometheus = try PrometheusProcess(configuration: rewritten.configuration, files: rewritten.files,
                                                       fetch: { try await fetch(http, $0) })
                do {
                    try await prometheus.waitUntilReady(limit: limit)
                    try await compare(prometheus, engine, since: started)
                } catch {
                    let message = "oracle run failed: \(error)\nPrometheus log:\n\(prometheus.output)"
                        + "\nconfiguration:\n\(rewritten.configuration)"
                    Issue.record(Comment(rawValue: message))
                }
                await prometheus.stop()
            }
        } catch {
            engine.shutDown()
            try await http.shutdown()
            throw error
        }
        engine.shutDown()
        try await http.shutdown()
    }

    /// Waits until both have scraped every target, then until they agree (at most
    /// ``settleTime`` longer); records every difference left.
    static func compare(_ prometheus: PrometheusProcess, _ engine: ScrapeEngine, since start: Double) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        var settleDeadline: ContinuousClock.Instant?
        while true {
            let expected = try await ScrapeObservation.of(prometheus, since: start)
            let actual = try ScrapeObservation.of(engine)
            let differences = ScrapeObservation.differences(prometheus: expected, vigil: actual)
            let scraped = expected.hasScrapedEverything && actual.hasScrapedEverything
            if scraped && differences.isEmpty {
                report(expected)
                #expect(expected.targets.mapValues(\.count) == expectedTargets)
                let down = expected.targets.values.joined().filter { $0.health != "up" }
                // Down on purpose: the closed port (job ops), the refused redirect, the
                // label and sample limits and both targets over the target limit.
                let reasons = down.map { $0.labels["limit"] ?? $0.labels["redirects"] ?? $0.labels["job"] ?? "" }
                #expect(reasons.sorted() == ["labels", "ops", "refused", "samples", "targets", "targets"], "\(down)")
                return
            }
            if scraped && settleDeadline == nil { settleDeadline = clock.now.advanced(by: settleTime) }
            if clock.now >= (settleDeadline ?? deadline) || clock.now >= deadline {
                let state = scraped ? "after both scraped every target" : "before both scraped every target"
                let message = "Prometheus and Vigil differ \(state) (\(differences.count) differences):\n"
                    + differences.joined(separator: "\n")
                Issue.record(Comment(rawValue: message))
                return
            }
            try await Task.sleep(for: .milliseconds(250))  // real processes scraping on real time: poll
        }
    }

    /// The scrape pools the scenario's monitors make (one per endpoint) and how many
    /// targets each must keep, so that agreeing on nothing cannot pass.
    static let expectedTargets = [
        "serviceMonitor/shop/web/0": 1, "serviceMonitor/shop/web/1": 1, "serviceMonitor/shop/web/2": 1,
        "serviceMonitor/payments/api-anywhere/0": 2, "serviceMonitor/payments/secure/0": 1,
        "serviceMonitor/shop/down/0": 1, "serviceMonitor/shop/moved/0": 1, "serviceMonitor/shop/moved/1": 1,
        "serviceMonitor/shop/sample-limited/0": 1, "serviceMonitor/payments/target-limited/0": 2,
        "serviceMonitor/payments/token/0": 1, "serviceMonitor/payments/token/1": 1, "serviceMonitor/payments/token/2": 1,
        "serviceMonitor/shop/legacy/0": 1, "serviceMonitor/shop/legacy/1": 1,
    ]
    static var expectedJobs: [String] { expectedTargets.keys.sorted() }

    /// The configuration from Secret `vigil-prometheus-config` once the controller wrote it.
    static func generatedConfiguration(in cluster: InMemoryCluster) async throws -> String {
        let key = ObjectKey(namespace: "vigil-system", name: OperatorOptions.configSecretName)
        var yaml = ""
        let written = try await eventually {
            guard let encoded = try await cluster.get(Secret.self, key)?.data?[OperatorOptions.configSecretKey],
                  let data = Data(base64Encoded: encoded) else { return false }
            yaml = String(decoding: data, as: UTF8.self)
            return expectedJobs.allSatisfy { yaml.contains("job_name: \($0)\n") }
        }
        guard written else { throw OracleError("the controller never wrote \(key) with every monitor") }
        return yaml
    }

    /// One line per job for the test log: what both agreed on.
    static func report(_ observation: ScrapeObservation) {
        for (job, targets) in observation.targets.sorted(by: { $0.key < $1.key }) {
            print("agreed: job \(job): " + targets.sorted().map(\.description).joined(separator: "; "))  // test output
        }
        print("agreed: \(observation.series.count) series")  // test output
    }

    static func fetch(_ http: HTTPClient, _ url: String) async throws -> (status: UInt, body: [UInt8]) {
        let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 64 << 20)
        return (response.status.code, Array(body.readableBytesView))
    }
}
