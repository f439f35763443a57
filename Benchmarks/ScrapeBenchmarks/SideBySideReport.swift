import AsyncHTTPClient
import Foundation
import Scrape

/// `side-by-side SCENARIO [seconds] [targets]`: runs one scenario and prints Markdown rows.
func runSideBySide(_ arguments: [String]) async throws {
    let name = arguments.first ?? "parse"
    let seconds = arguments.dropFirst().first.flatMap(Int.init)
    let targets = arguments.dropFirst(2).first.flatMap(Int.init) ?? 1000
    let shared = URL(fileURLWithPath: ProcessInfo.processInfo.environment["VIGIL_SHARED_DIR"] ?? "../shared")
    let scenario: SideBySideScenario
    switch name {
    case "parse": scenario = try .parse(window: .seconds(seconds ?? 30), shared: shared)
    case "memory": scenario = .memory(window: .seconds(seconds ?? 240))
    case "fleet": scenario = .fleet(window: .seconds(seconds ?? 60), targets: targets)
    default: throw BenchmarkError("unknown scenario \(name): use parse, memory or fleet")
    }
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPScrapeClient.makeHTTPClientConfiguration())
    let result: (prometheus: SideBySide.Side, vigil: SideBySide.Side)
    do {
        result = try await SideBySide(scenario: scenario, http: http).run()
    } catch {
        try await http.shutdown()
        throw error
    }
    try await http.shutdown()
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
        .joined(separator: " ") ?? "?"
    let targetCount = scenario.jobs.reduce(0) { $0 + $1.targets }
    print("scenario \(scenario.name): \(targetCount) targets, interval \(SideBySideScenario.text(scenario.interval)), "
          + "window \(SideBySideScenario.text(scenario.window)), load average after \(load)")
    print("| scenario | scraper | scrapes (failed targets) | samples appended | CPU s | µs CPU/sample | MB scraped per CPU-s | series | RSS Δ | RSS Δ/series | Go heap Δ/series |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    print(row(scenario.name, "Prometheus 2.42", result.prometheus))
    print(row(scenario.name, "Vigil", result.vigil))
    let cpuRatio = perSample(result.prometheus) / max(perSample(result.vigil), 1e-12)
    print("Vigil CPU per sample: \(String(format: "%.2f", 1 / cpuRatio))× Prometheus's")
}

private func perSample(_ side: SideBySide.Side) -> Double {
    side.cpuSeconds / Double(max(side.samples, 1))
}

private func row(_ scenario: String, _ scraper: String, _ side: SideBySide.Side) -> String {
    let rssDelta = side.residentAfter - side.residentBefore
    let series = max(side.series, 1)
    var heap = "–"
    if let before = side.heapInUseBefore, let after = side.heapInUseAfter {
        heap = String(format: "%.0f B", Double(after - before) / Double(series))
    }
    let cells = [
        scenario, scraper, "\(side.scrapes) (\(side.failedTargets))", "\(side.samples)",
        String(format: "%.2f", side.cpuSeconds), String(format: "%.2f", perSample(side) * 1e6),
        String(format: "%.1f", Double(side.bytesScraped) / 1e6 / max(side.cpuSeconds, 1e-9)),
        "\(side.series)", String(format: "%.1f MB", Double(rssDelta) / 1e6),
        String(format: "%.0f B", Double(rssDelta) / Double(series)), heap,
    ]
    return "| " + cells.joined(separator: " | ") + " |"
}
