import AsyncHTTPClient
import Foundation
@testable import Operator
import Prometheus
import Scrape
import Testing
import VigilTestSupport

@Suite("vigil demo")
struct DemoSmokeTests {
    static var examples: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("examples")
    }

    @Test("the Kthena examples go Ready (SLOs once the rules have recorded) and the generated files are written; the demo stops cleanly")
    func demo() async throws {
        let documents = try ManifestFiles.documents(at: Self.examples.path)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let runner = DemoRunner(
            documents: documents, outputDirectory: output, listen: OperatorHTTPServer.Address(host: "127.0.0.1", port: 0),
            duration: .seconds(45), redrawsInPlace: false, write: { _ in })
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPScrapeClient.makeHTTPClientConfiguration())
        let rows: [ConditionTable.Row]
        do {
            rows = try await runner.run(scrapeClient: try HTTPScrapeClient(httpClient: httpClient),
                                        registry: PrometheusCollectorRegistry(), logger: quietLogger)
        } catch {
            try await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
        #expect(rows.count == 4)
        #expect(ConditionTable.allReady(rows), "\(ConditionTable.render(rows))")
        let files = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("rules").path)
        #expect(files.count == 3)
        let dashboards = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("dashboards").path)
        #expect(dashboards.count >= 3, "one per ServiceLevel and an overview: \(dashboards)")
        let config = try String(contentsOf: output.appendingPathComponent("prometheus/prometheus.yaml"), encoding: .utf8)
        #expect(config.contains("job_name: serviceMonitor/monitoring/kthena-metrics/0"))
        let sli = rows.first { $0.key == "monitoring/kthena-inference-availability" }?.conditions[.budgetExhausted]
        #expect(sli?.status == .false, "the SLO was evaluated and has budget left")
    }
}
