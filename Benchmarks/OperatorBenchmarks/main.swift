// The operator at scale (issue 7's measurement), against the in-process fake API server:
//   swift build -c release --product OperatorBenchmarks
//   .build/release/OperatorBenchmarks [monitors=10000] [endpointsPerMonitor=5] [changes=50]
// Measures (1) controller start → first Secret `vigil-prometheus-config` holding every
// monitor's job, (2) latency of single changes: a ServiceMonitor edit → updated Secret,
// a Service label change (leaves/joins a selector) → the engine's job targets, an
// EndpointSlice change → the engine's job targets, (3) RSS. The embedded engine's pools
// get their targets but `ScrapeEngine.run()` is never started, so nothing is scraped.
import FakeKubernetesAPIServer
import Foundation
import KubernetesClient
import Logging
import Operator
import Scrape
import TSDB

/// Never called (the engine's pools are not run); refuses if it were.
struct NoScraping: ScrapeClient {
    func fetch(_ request: ScrapeRequest) async throws(ScrapeError) -> ScrapeResponse {
        throw ScrapeError(.connection, "scraping is disabled in the benchmark")
    }
}

let arguments = Array(CommandLine.arguments.dropFirst()).compactMap { Int($0) }
let fixture = Fixture(monitors: arguments.count > 0 ? arguments[0] : 10_000,
                      endpointsPerMonitor: arguments.count > 1 ? arguments[1] : 5, namespaces: 50)
let changes = arguments.count > 2 ? arguments[2] : 50
var logger = Logger(label: "operator-benchmark")
logger.logLevel = .error
func log(_ text: String) {
    FileHandle.standardError.write(Data("[\(Date())] \(text)\n".utf8))
}

let rssStart = residentBytes()
// A large watch buffer: the controller may lag while reconciling thousands of objects,
// and a closed watch would add relists that a real API server's larger buffer avoids.
let server = FakeAPIServer(historyLimit: 10_000, watchBufferLimit: 1_000_000, logger: logger)
let baseURL = try await server.start()
let seedStart = ContinuousClock.now
try fixture.seed(into: server)
log("seeded \(fixture.monitors) monitors, services, slices in \(seedStart.duration(to: .now))")
let rssServer = residentBytes()

guard let url = URL(string: baseURL) else { throw BenchmarkFailure(description: "bad URL \(baseURL)") }
let client = try KubernetesClient(configuration: ClientConfiguration(server: url), logger: logger)
let cluster = KubernetesCluster(client: client, logger: logger)
let engine = ScrapeEngine(storage: TimeSeriesStore(), client: NoScraping(),
                          now: { Int64(Date().timeIntervalSince1970 * 1000) }, logger: logger)
// Periodic status/full resyncs pushed past the run so the change latencies are not
// measured behind a resync of every monitor.
// VIGIL_BENCH_SM_DASHBOARDS=0 leaves out the per-ServiceMonitor dashboards: each is a
// ConfigMap the in-process fake API server keeps, which dominates the measured RSS.
let monitorDashboards = ProcessInfo.processInfo.environment["VIGIL_BENCH_SM_DASHBOARDS"] != "0"
let options = OperatorOptions(operatorNamespace: "vigil-system", statusResync: .seconds(3600),
                              fullResync: .seconds(3600), identity: "benchmark",
                              serviceMonitorDashboards: monitorDashboards)
let controller = Controller(cluster: cluster, engine: engine, options: options, logger: logger)

let secrets = Fixture.resource("secrets")
func secretObject() -> FakeKubernetesAPIServer.JSONValue? {
    server.object(secrets, namespace: "vigil-system", name: OperatorOptions.configSecretName)
}
func secretVersion() -> String? { secretObject()?.value(at: ["metadata", "resourceVersion"])?.stringValue }
func secretJobs() -> Int {
    Int(secretObject()?.value(at: ["metadata", "annotations", "vigil.dev/jobs"])?.stringValue ?? "") ?? -1
}
/// The configuration text: the plain key while it fits, else the gzipped one through `gzip -d`.
func secretYAML() throws -> String {
    if let encoded = secretObject()?.value(at: ["data", OperatorOptions.configSecretKey])?.stringValue,
       let data = Data(base64Encoded: encoded) {
        return String(decoding: data, as: UTF8.self)
    }
    guard let encoded = secretObject()?.value(at: ["data", OperatorOptions.compressedConfigSecretKey])?.stringValue,
          let data = Data(base64Encoded: encoded) else { return "" }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-benchmark-config-\(getpid()).gz")
    try data.write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-dc", file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let text = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try? FileManager.default.removeItem(at: file)
    return String(decoding: text, as: UTF8.self)
}
func secretBytes() -> (plain: Int, gzip: Int) {
    let annotations = secretObject()?.value(at: ["metadata", "annotations", "vigil.dev/config-bytes"])?.stringValue
    let gz = secretObject()?.value(at: ["data", OperatorOptions.compressedConfigSecretKey])?.stringValue
    return (Int(annotations ?? "") ?? 0, gz.flatMap { Data(base64Encoded: $0)?.count } ?? 0)
}
func jobName(_ index: Int) -> String { "serviceMonitor/\(fixture.namespace(index))/mon-\(index)/0" }
func targets(_ index: Int) -> Int { engine.targetHealth(job: jobName(index)).count }

/// Waits until the work queue stayed empty for `quiet`.
@MainActor func settle(quiet: Duration = .milliseconds(300), timeout: Duration = .seconds(1800)) async throws {
    let start = ContinuousClock.now
    var emptySince: ContinuousClock.Instant?
    while true {
        if controller.queueDepth == 0 {
            let since = emptySince ?? .now
            emptySince = since
            if since.duration(to: .now) >= quiet { return }
        } else {
            emptySince = nil
        }
        if start.duration(to: .now) > timeout { throw BenchmarkFailure(description: "queue never drained") }
        try await Task.sleep(for: .milliseconds(10))
    }
}

struct Series {
    var name: String
    var samples: [Double] = []
}

/// Runs `count` changes one at a time, each after the queue settled; stops early after `budget`.
@MainActor func measure(_ name: String, count: Int, budget: Duration = .seconds(240),
             _ change: (Int) throws -> Void, until done: (Int) -> Bool) async throws -> Series {
    var series = Series(name: name)
    let began = ContinuousClock.now
    for n in 0..<count {
        let index = (n * 7919 + 13) % fixture.monitors
        try await settle(quiet: .milliseconds(100))
        let start = ContinuousClock.now
        try change(index)
        let elapsed = try await waitFor(name, since: start, timeout: .seconds(600)) { done(index) }
        series.samples.append(seconds(elapsed) * 1000)
        if began.duration(to: .now) > budget { break }
    }
    log("\(name): \(series.samples.count) samples, p50 \(milliseconds(percentile(series.samples, 50))), p99 \(milliseconds(percentile(series.samples, 99)))")
    return series
}

var report: [String] = []
var expectedVersionChange: String?
let monitorsResource = Fixture.resource("servicemonitors")
let servicesResource = Fixture.resource("services")
let slicesResource = Fixture.resource("endpointslices")

try await withThrowingTaskGroup(of: Void.self) { group in
    let start = ContinuousClock.now
    let running = controller
    group.addTask { await running.run() }
    defer { group.cancelAll() }
    let synced = try await waitFor("caches", since: start, timeout: .seconds(1800), interval: .milliseconds(5)) {
        controller.hasSynced
    }
    log("caches synced after \(synced)")
    let firstConfig = try await waitFor("the first full config", since: start, timeout: .seconds(3600),
                                        interval: .milliseconds(5)) { secretJobs() == fixture.monitors }
    let rssFirstConfig = residentBytes()
    let yaml = try secretYAML()
    let bytes = secretBytes()
    let jobLines = yaml.split(separator: "\n").filter { $0.contains("job_name:") && $0.contains("serviceMonitor/") }.count
    guard jobLines == fixture.monitors else {
        throw BenchmarkFailure(description: "the Secret holds \(jobLines) jobs, expected \(fixture.monitors)")
    }
    log("first full config after \(firstConfig): \(jobLines) jobs, \(yaml.utf8.count) bytes of YAML, \(bytes.gzip) gzipped")
    _ = try await settle(quiet: .milliseconds(500))
    let drained = start.duration(to: .now) - .milliseconds(500)
    let rssSettled = residentBytes()
    let totalTargets = engine.targetCount
    log("queue drained after \(drained); engine holds \(totalTargets) targets in \(engine.jobNames.count) jobs")

    var series: [Series] = []
    var toggle = 0
    series.append(try await measure("ServiceMonitor edit → Secret rewritten", count: changes, { index in
        let before = secretVersion()
        toggle += 1
        let interval = "\(30 + toggle)s"
        try server.modify(monitorsResource, namespace: fixture.namespace(index), name: "mon-\(index)") {
            $0.setValue(.array([["port": "metrics", "interval": .string(interval), "path": "/metrics"]]),
                        at: ["spec", "endpoints"])
        }
        expectedVersionChange = before
    }, until: { _ in secretVersion() != expectedVersionChange }))
    let lastInterval = "scrape_interval: \(30 + toggle)s"
    guard try secretYAML().contains(lastInterval) else {
        throw BenchmarkFailure(description: "the last edit (\(lastInterval)) is not in the Secret")
    }
    series.append(try await measure("Service leaves the selector → job has 0 targets", count: changes / 2, { index in
        try server.modify(servicesResource, namespace: fixture.namespace(index), name: "svc-\(index)") {
            $0.setValue(["app": .string("svc-\(index)-off")], at: ["metadata", "labels"])
        }
    }, until: { targets($0) == 0 }))
    series.append(try await measure("Service joins the selector → job has its targets", count: changes / 2, { index in
        try server.modify(servicesResource, namespace: fixture.namespace(index), name: "svc-\(index)") {
            $0.setValue(["app": .string("svc-\(index)")], at: ["metadata", "labels"])
        }
    }, until: { targets($0) == fixture.endpointsPerMonitor }))
    series.append(try await measure("EndpointSlice +1 endpoint → job has the new target", count: changes, { index in
        let endpoints = fixture.endpointSlice(index, extra: 1)["endpoints"]
        try server.modify(slicesResource, namespace: fixture.namespace(index), name: "svc-\(index)-slice") {
            $0["endpoints"] = endpoints
        }
    }, until: { targets($0) == fixture.endpointsPerMonitor + 1 }))

    let rssEnd = residentBytes()
    let operatorShare = rssSettled - rssServer
    report.append("| Per-ServiceMonitor dashboards | \(monitorDashboards ? "on" : "off (VIGIL_BENCH_SM_DASHBOARDS=0)") | |")
    report.append("| Scale | \(fixture.monitors) ServiceMonitors → \(fixture.monitors) Services, \(fixture.monitors * fixture.endpointsPerMonitor) endpoints (\(fixture.endpointsPerMonitor)/Service, \(fixture.monitors) EndpointSlices) | |")
    report.append("| Start → caches synced | \(milliseconds(seconds(synced) * 1000)) | |")
    report.append("| Start → first full config Secret (\(jobLines) jobs, \(String(format: "%.1f", Double(yaml.utf8.count) / 1_048_576)) MB YAML, \(String(format: "%.2f", Double(bytes.gzip) / 1_048_576)) MB gzipped) | \(milliseconds(seconds(firstConfig) * 1000)) | < 2 s |")
    report.append("| Start → every monitor reconciled (queue drained) | \(milliseconds(seconds(drained) * 1000)) | |")
    for item in series {
        let goal = item.name.hasPrefix("ServiceMonitor") ? "< 100 ms p99" : ""
        report.append("| \(item.name) (n=\(item.samples.count)) | p50 \(milliseconds(percentile(item.samples, 50))), p99 \(milliseconds(percentile(item.samples, 99))), max \(milliseconds(item.samples.max() ?? .nan)) | \(goal) |")
    }
    report.append("| RSS: process after seeding the fake server (before the operator) | \(megabytes(rssServer)) (empty process \(megabytes(rssStart))) | |")
    report.append("| RSS: process at first config / settled / end; peak | \(megabytes(rssFirstConfig)) / \(megabytes(rssSettled)) / \(megabytes(rssEnd)); peak \(megabytes(peakResidentBytes())) | |")
    report.append("| Operator RSS ≈ settled − after seeding (fake server also grows: statuses, Events) | \(megabytes(operatorShare)) | < 300 MB |")
}
try await client.shutdown()
await server.stop()
print("| Operator benchmark | Measured | Goal |")
print("|---|---|---|")
for line in report { print(line) }
