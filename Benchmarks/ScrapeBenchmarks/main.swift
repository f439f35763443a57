// Scrape benchmarks: relabeling and the append path of one scrape (parse, label
// mutation, metric relabeling, staleness, TSDB append) on a synthetic 10k-series target.
// Run: swift run -c release ScrapeBenchmarks
// Side by side with Debian's Prometheus 2.42 (see SideBySide.swift):
//      swift run -c release ScrapeBenchmarks side-by-side parse|memory|fleet [seconds] [targets]
import Foundation
import Logging
import Scrape
import Synchronization
import TSDB

/// Serves one fixed body, as a target that never changes.
struct FixedBodyClient: ScrapeClient {
    let body: [UInt8]
    func fetch(_ request: ScrapeRequest) async throws(ScrapeError) -> ScrapeResponse {
        ScrapeResponse(body: body, contentType: "text/plain; version=0.0.4")
    }
}

struct Measurement {
    let name: String
    let iterations: Int
    let elapsed: Duration

    var perIteration: Double {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds / Double(iterations)
    }
}

func measure(_ name: String, iterations: Int, _ body: () async -> Void) async -> Measurement {
    await body()  // warm-up
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<iterations { await body() }
    return Measurement(name: name, iterations: iterations, elapsed: start.duration(to: clock.now))
}

func buildRules() throws -> [RelabelConfig] {
    [
        try RelabelConfig(action: .keep, sourceLabels: ["__meta_kubernetes_service_label_app"], regex: "checkout|cart"),
        try RelabelConfig(action: .keep, sourceLabels: ["__meta_kubernetes_endpoint_port_name"], regex: "web"),
        try RelabelConfig(sourceLabels: ["__meta_kubernetes_namespace"], targetLabel: "namespace"),
        try RelabelConfig(sourceLabels: ["__meta_kubernetes_pod_name"], targetLabel: "pod"),
        try RelabelConfig(sourceLabels: ["__meta_kubernetes_service_name"], targetLabel: "job"),
        try RelabelConfig(action: .labelMap, regex: "__meta_kubernetes_pod_label_(.+)"),
        try RelabelConfig(action: .hashMod, sourceLabels: ["__address__"], modulus: 4, targetLabel: "__tmp_hash"),
        try RelabelConfig(action: .keep, sourceLabels: ["__tmp_hash"], regex: "0|1|2|3"),
    ]
}

func main() async throws {
    let rules = try buildRules()
    let target = TSDB.Labels([
        "__address__": "10.1.2.3:8080", "__meta_kubernetes_namespace": "shop", "__meta_kubernetes_pod_name": "checkout-7f9c",
        "__meta_kubernetes_service_label_app": "checkout", "__meta_kubernetes_endpoint_port_name": "web",
        "__meta_kubernetes_service_name": "checkout", "__meta_kubernetes_pod_label_app": "checkout",
        "__meta_kubernetes_pod_label_version": "v2",
    ])
    var kept = 0
    let relabelRun = await measure("relabel 8 rules (prometheus-operator style)", iterations: 20_000) {
        if relabel(target, rules: rules) != nil { kept += 1 }
    }

    var body = "# TYPE http_requests_total counter\n"
    for i in 0..<10_000 {
        body += "http_requests_total{handler=\"/api/v\(i % 50)\",code=\"\(200 + i % 5)\",instance_id=\"\(i)\"} \(i)\n"
    }
    let bytes = Array(body.utf8)
    let store = TimeSeriesStore()
    let timestamp = Mutex<Int64>(1_700_000_000_000)
    let options = ScrapeOptions(jobName: "checkout", interval: .seconds(15), timeout: .seconds(10))
    let scrapeTarget = ScrapeTarget(labels: TSDB.Labels(["__address__": "10.1.2.3:8080", "job": "checkout",
                                                         "instance": "10.1.2.3:8080"]))
    let loop = ScrapeLoop(target: scrapeTarget, options: options, client: FixedBodyClient(body: bytes), storage: store,
                          clock: ContinuousClock(), now: { timestamp.withLock { $0 += 15_000; return $0 } },
                          logger: Logger(label: "bench"))
    let appendRun = await measure("scrape + append one 10k-series body (steady state)", iterations: 30) {
        await loop.scrapeNow()
    }

    for run in [relabelRun, appendRun] {
        let micros = run.perIteration * 1e6
        print("\(run.name): \(String(format: "%.2f", micros)) µs per iteration (\(run.iterations) iterations)")
    }
    let samplesPerSecond = 10_000 / appendRun.perIteration
    print("scrape append throughput: \(Int(samplesPerSecond)) samples/s; kept \(kept) targets; series \(store.stats().seriesCount)")
}

if CommandLine.arguments.dropFirst().first == "side-by-side" {
    try await runSideBySide(Array(CommandLine.arguments.dropFirst(2)))
} else {
    try await main()
}
