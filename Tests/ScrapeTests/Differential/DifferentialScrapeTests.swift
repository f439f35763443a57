// Needs Hummingbird and AsyncHTTPClient in the ScrapeTests target's dependencies.
#if canImport(Hummingbird) && canImport(AsyncHTTPClient)
import AsyncHTTPClient
import Foundation
import Logging
import Scrape
import TSDB
import Testing
import VigilTestSupport

/// Differential test: Debian's Prometheus 2.42 and Vigil's ``ScrapePool`` scrape the same
/// live targets on 127.0.0.1 at the same interval, then what each stored is compared
/// (Prometheus read over its HTTP API, Vigil's ``TimeSeriesStore`` directly).
///
/// Compared per job: the set of series (label sets, synthetic series included), the
/// medians over the run of `up`, `scrape_samples_scraped`,
/// `scrape_samples_post_metric_relabeling` and `scrape_series_added`, the largest
/// `scrape_series_added`, target health, and the error of failing targets
/// (`/api/v1/targets` lastError against ``TargetHealth/lastError``): kind always, and the
/// exact wording except for parse errors.
///
/// Accepted differences (see ``DifferentialComparison``):
/// - Parse errors: the kind must agree (the scrape fails, `up` is 0, counts agree); the
///   wording may differ, because Vigil's parser names line and column and Prometheus's
///   names the token. Both messages are printed.
/// - node_exporter (when installed): its output changes a little between scrapes (some
///   collectors come and go), so series sets may differ by at most 1% and counts by 2%;
///   metric names must agree exactly.
/// - Values of changing series (counters, `scrape_duration_seconds`) and timestamps are
///   not compared: the two scrapers read the targets at different instants.
/// - A healthy target whose last scrape timed out in one scraper only (a loaded machine)
///   is reported, not failed; medians keep such a scrape from deciding the counts.
@Suite("Scraping agrees with a live Prometheus 2.42")
struct DifferentialScrapeTests {
    static let nodeExporter = "/usr/bin/prometheus-node-exporter"
    /// How long both scrape side by side.
    static let window: Duration = .seconds(20)

    static func jobs(port: Int, nodeExporterAddress: String?) -> [DifferentialJob] {
        let address = "127.0.0.1:\(port)"
        typealias Path = DifferentialTargets.Path
        var jobs = [
            DifferentialJob(name: "vigil_ok", address: address, path: "/\(Path.ok.rawValue)",
                            dropMetrics: "\(DifferentialTargets.droppedPrefix).*"),
            DifferentialJob(name: "vigil_limited", address: address, path: "/\(Path.limited.rawValue)", sampleLimit: 5),
            DifferentialJob(name: "vigil_error", address: address, path: "/\(Path.error.rawValue)"),
            DifferentialJob(name: "vigil_bad", address: address, path: "/\(Path.bad.rawValue)"),
            DifferentialJob(name: "vigil_slow", address: address, path: "/\(Path.slow.rawValue)",
                            timeout: .milliseconds(500)),
        ]
        if let nodeExporterAddress {
            jobs.append(DifferentialJob(name: "node", address: nodeExporterAddress, path: "/metrics",
                                        isDeterministic: false))
        }
        return jobs
    }

    @Test("Vigil and Prometheus scraping the same targets store the same series and report the same health")
    func sameTargetsSameResults() async throws {
        guard try OracleProcess.availableOrSkipped(PrometheusProcess.executable, package: "prometheus") else { return }
        let targets = DifferentialTargets()
        try await LoopbackServer.run(targets.router()) { port in
            var exporter: OracleProcess?
            var exporterAddress: String?
            if OracleProcess.isAvailable(Self.nodeExporter) {
                let exporterPort = try OracleProcess.freePort()
                exporterAddress = "127.0.0.1:\(exporterPort)"
                exporter = try OracleProcess(Self.nodeExporter, arguments: [
                    "--web.listen-address=\(exporterAddress ?? "")", "--log.level=warn",
                ], directory: try OracleProcess.temporaryDirectory("vigil-node-exporter"))
            } else {
                print("node_exporter not installed: comparing Vigil's own targets only")  // test output
            }
            let jobs = Self.jobs(port: port, nodeExporterAddress: exporterAddress)
            let http = HTTPClient(eventLoopGroupProvider: .singleton,
                                  configuration: HTTPScrapeClient.makeHTTPClientConfiguration())
            var prometheus: PrometheusProcess?
            do {
                let config = PrometheusConfig(
                    global: .init(scrapeInterval: "1s", scrapeTimeout: "1s"), scrapeConfigs: jobs.map(\.prometheusJob))
                let oracle = try PrometheusProcess(configuration: try config.text(), fetch: { try await http.testGet($0) })
                prometheus = oracle
                try await oracle.waitUntilReady()
                let started = Date().timeIntervalSince1970
                let vigil = try await Self.scrapeWithVigil(jobs, client: HTTPScrapeClient(httpClient: http))
                let comparison = DifferentialComparison(prometheus: oracle, vigil: vigil,
                                                        start: started - 60, end: Date().timeIntervalSince1970)
                for job in jobs { try await comparison.compare(job) }
            } catch {
                Issue.record("differential run failed: \(error)\n\(prometheus?.output ?? "")")
            }
            await prometheus?.stop()
            await exporter?.stop()
            try await http.shutdown()
        }
    }

    /// What Vigil saw: its store and the health of each job's target after `window`.
    struct VigilRun: Sendable {
        var store: TimeSeriesStore
        var health: [String: TargetHealth]
    }

    /// Runs one ``ScrapePool`` per job on the real clock for ``window``.
    static func scrapeWithVigil(_ jobs: [DifferentialJob], client: HTTPScrapeClient) async throws -> VigilRun {
        let store = TimeSeriesStore()
        var logger = Logger(label: "vigil-differential")
        logger.logLevel = .warning
        let wallMilliseconds: @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
        var pools: [(String, ScrapePool<TimeSeriesStore, ContinuousClock>)] = []
        for job in jobs {
            let pool = ScrapePool(options: try job.vigilOptions(), client: client, storage: store,
                                  clock: ContinuousClock(), now: wallMilliseconds, logger: logger)
            pool.sync(job.discovered)
            #expect(pool.targetErrors().isEmpty, "job \(job.name): \(pool.targetErrors())")
            pools.append((job.name, pool))
        }
        await withDiscardingTaskGroup { group in
            for (_, pool) in pools { group.addTask { await pool.run() } }
            try? await Task.sleep(for: window)  // the observation window: real targets, real time
            group.cancelAll()
        }
        var health: [String: TargetHealth] = [:]
        for (name, pool) in pools { health[name] = pool.targetHealth().first }
        return VigilRun(store: store, health: health)
    }
}
#endif
