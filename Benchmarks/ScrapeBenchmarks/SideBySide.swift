import AsyncHTTPClient
import Foundation
import Logging
import Scrape
import TSDB

/// Runs Debian's Prometheus 2.42 and Vigil's scrape pools against the same static file
/// server (Python's `http.server`, a separate process) in the same window, and measures
/// each scraper's whole-process CPU (HTTP, parsing, relabeling, storage) and memory.
///
/// `swift run -c release ScrapeBenchmarks side-by-side parse|memory|fleet [seconds] [targets]`
/// Run each scenario in its own process: the memory figures need a fresh heap.
///
/// Measured 2026-11-23, release build, 2 shared cores (load average 6-9 from other agents'
/// builds), each scenario once, both scrapers at the same time:
///   parse  (promtestdata.txt + alltypes.237mfs.prom.txt, 200 ms, 30 s): Prometheus 3.54 µs
///          CPU/sample (27.7 MB per CPU-s), Vigil 6.29 µs (15.6 MB per CPU-s), 300 scrapes each
///   memory (one 100k-series target, 1 s, 240 s): Prometheus 2.06 µs CPU/sample, 236 scrapes,
///          RSS +4,091 B/series (Go heap +3,250 B); Vigil 6.03 µs, 154 scrapes (it could not
///          keep a 1 s pace), RSS +1,931 B/series. Values are constant (a static file).
///   fleet  (1,000 targets x 1,000 series, 15 s, 60 s): Prometheus 8.66 µs CPU/sample, 2,374
///          scrapes, head still growing (933k of 1.005M series), RSS +2,556 B/series; Vigil
///          6.56 µs, 4,240 scrapes, RSS +1,000 B/series.
struct SideBySide {
    /// What one scraper did during the window.
    struct Side {
        var cpuSeconds = 0.0
        var samples = 0
        var bytesScraped = 0
        var residentBefore = 0
        var residentAfter = 0
        var series = 0
        var scrapes = 0
        var failedTargets = 0
        /// Prometheus only: Go heap in use (`go_memstats_heap_inuse_bytes`) before and after.
        var heapInUseBefore: Int?
        var heapInUseAfter: Int?
    }

    let scenario: SideBySideScenario
    let http: HTTPClient

    func run() async throws -> (prometheus: Side, vigil: Side) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-sbs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("www"),
                                                withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }  // cleanup only
        for (name, bytes) in scenario.files {
            try Data(bytes).write(to: directory.appendingPathComponent("www/\(name)"))
        }
        let serverPort = try ExternalProcess.freePort()
        let server = try ExternalProcess(["python3", "-m", "http.server", "\(serverPort)", "--bind", "127.0.0.1",
                                          "--directory", directory.appendingPathComponent("www").path],
                                         log: directory.appendingPathComponent("server.log"))
        let address = "127.0.0.1:\(serverPort)"
        try scenario.prometheusConfig(address: address).write(to: directory.appendingPathComponent("prometheus.yml"))
        let prometheusPort = try ExternalProcess.freePort()
        let prometheus = try ExternalProcess([
            "prometheus", "--config.file=\(directory.appendingPathComponent("prometheus.yml").path)",
            "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(prometheusPort)", "--log.level=warn",
        ], log: directory.appendingPathComponent("prometheus.log"))
        let api = PrometheusReader(port: prometheusPort, http: http)
        do {
            try await api.waitUntilReady()
            let result = try await measure(address: address, prometheus: prometheus, api: api)
            await prometheus.stop()
            await server.stop()
            return result
        } catch {
            await prometheus.stop()
            await server.stop()
            throw error
        }
    }

    /// Prometheus applies discovered targets about 5 s after start; both scrapers get that
    /// and one interval to reach steady state before the CPU window opens.
    private var warmUp: Duration { .seconds(6) + scenario.interval }

    private func measure(address: String, prometheus: ExternalProcess, api: PrometheusReader) async throws
        -> (prometheus: Side, vigil: Side) {
        let pid = "\(prometheus.pid)"
        let store = TimeSeriesStore()
        // Memory baselines before either scraper has stored anything.
        var promSide = Side(residentBefore: ProcessStats.residentBytes(pid))
        var vigilSide = Side(residentBefore: ProcessStats.residentBytes("self"))
        promSide.heapInUseBefore = Int(try await api.metric("go_memstats_heap_inuse_bytes"))

        let pools = try makePools(address: address, store: store)
        var scrapesBefore: [Int] = []
        let window = try await withThrowingTaskGroup(of: Void.self) { group in
            for pool in pools { group.addTask { await pool.run() } }
            defer { group.cancelAll() }
            try await Task.sleep(for: warmUp)
            let promSamples = try await api.metric("prometheus_tsdb_head_samples_appended_total")
            let vigilSamples = store.stats().sampleCount
            scrapesBefore = pools.map(Self.scrapeCount)
            let promCPU = ProcessStats.cpuSeconds(pid)
            let vigilCPU = ProcessStats.cpuSeconds("self")
            let start = Date().timeIntervalSince1970
            try await Task.sleep(for: scenario.window)  // the measurement window
            promSide.cpuSeconds = ProcessStats.cpuSeconds(pid) - promCPU
            vigilSide.cpuSeconds = ProcessStats.cpuSeconds("self") - vigilCPU
            promSide.samples = Int(try await api.metric("prometheus_tsdb_head_samples_appended_total") - promSamples)
            vigilSide.samples = store.stats().sampleCount - vigilSamples
            return (start, Date().timeIntervalSince1970)
        }
        promSide.residentAfter = ProcessStats.residentBytes(pid)
        vigilSide.residentAfter = ProcessStats.residentBytes("self")
        promSide.series = Int(try await api.metric("prometheus_tsdb_head_series"))
        promSide.heapInUseAfter = Int(try await api.metric("go_memstats_heap_inuse_bytes"))
        vigilSide.series = store.stats().seriesCount
        let seconds = Int((window.1 - window.0).rounded(.down))
        for job in scenario.jobs {
            let size = scenario.files[job.file]?.count ?? 0
            let scrapes = Int(try await api.query("sum(count_over_time(up{job=\"\(job.name)\"}[\(seconds)s]))",
                                                  at: window.1))
            promSide.scrapes += scrapes
            promSide.bytesScraped += scrapes * size
            promSide.failedTargets += Int(try await api.query("count(up{job=\"\(job.name)\"} == 0) or vector(0)",
                                                              at: window.1))
        }
        for (pool, before) in zip(pools, scrapesBefore) {
            let size = scenario.files[scenario.jobs.first { $0.name == pool.options.jobName }?.file ?? ""]?.count ?? 0
            let scrapes = Self.scrapeCount(pool) - before
            vigilSide.scrapes += scrapes
            vigilSide.bytesScraped += scrapes * size
            vigilSide.failedTargets += pool.targetHealth().filter { $0.state != .up }.count
        }
        return (promSide, vigilSide)
    }

    private static func scrapeCount(_ pool: ScrapePool<TimeSeriesStore, ContinuousClock>) -> Int {
        pool.targetHealth().reduce(0) { $0 + $1.scrapeCount }
    }

    private func makePools(address: String, store: TimeSeriesStore) throws
        -> [ScrapePool<TimeSeriesStore, ContinuousClock>] {
        var logger = Logger(label: "vigil-side-by-side")
        logger.logLevel = .error
        let client = try HTTPScrapeClient(httpClient: http)
        let wallMilliseconds: @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
        return scenario.jobs.map { job in
            let options = ScrapeOptions(jobName: job.name, interval: scenario.interval, timeout: scenario.interval,
                                        metricsPath: "/\(job.file)")
            let pool = ScrapePool(options: options, client: client, storage: store, clock: ContinuousClock(),
                                  now: wallMilliseconds, logger: logger)
            let targets = (0..<job.targets).map { shard in
                TSDB.Labels(job.targets == 1 ? ["__address__": address] : ["__address__": address, "shard": "\(shard)"])
            }
            pool.sync(targets)
            return pool
        }
    }
}
