import Foundation
import PromQL
import Testing
@testable import Monitoring

/// The generated targets dashboard reproduces the hand-written Kthena dashboards of the
/// seeds ("Kthena Overview" and "Kthena Model: $model_id"): for each seed panel there is a
/// generated panel whose query gives the same numbers on the demo data (with the seed's
/// `[5m]` as `$__rate_interval`, and its percent as a ratio).
@Suite("Kthena seed dashboards reproduced")
struct SeedDashboardTests {
    struct SeedPanel: Sendable, CustomTestStringConvertible {
        var seedTitle: String
        var seedExpr: String
        var generatedTitle: String
        /// Seed value = generated value × scale (the seed's error rate is in percent).
        var scale: Double = 1
        var testDescription: String { "\(seedTitle) → \(generatedTitle)" }
    }

    static let panels: [SeedPanel] = [
        SeedPanel(seedTitle: "Inference Requests/sec", seedExpr: "sum(rate(kthena_inference_requests_total[5m]))",
                  generatedTitle: "Request rate"),
        SeedPanel(seedTitle: "Inference Latency (P95)",
                  seedExpr: "histogram_quantile(0.95, sum(rate(kthena_inference_duration_seconds_bucket[5m])) by (le))",
                  generatedTitle: "Latency p95"),
        SeedPanel(seedTitle: "Error Rate",
                  seedExpr: "sum(rate(kthena_inference_errors_total[5m]))"
                    + " / sum(rate(kthena_inference_requests_total[5m])) * 100",
                  generatedTitle: "Error ratio", scale: 100),
        SeedPanel(seedTitle: "Request Rate by Model",
                  seedExpr: "sum(rate(kthena_inference_requests_total[5m])) by (model_id)",
                  generatedTitle: "Request rate by model_id"),
        SeedPanel(seedTitle: "Kthena Model: Request Rate",
                  seedExpr: "sum(rate(kthena_inference_requests_total{model_id=\"llama-3-8b\"}[5m]))",
                  generatedTitle: "Request rate ($model_id)"),
    ]

    @Test("each seed panel has a generated panel with the same values", arguments: panels)
    func sameValues(_ panel: SeedPanel) throws {
        let data = try KthenaDemoData.shared.get()
        let targets = try #require(KthenaScenario.dashboards().first { $0.kind == .targets })
        let match = targets.model.panels.first { $0.title == panel.generatedTitle }
        let generated = try #require(match?.targets?.first?.expr)
        let expr = GrafanaVariables.substitute(generated, values: ["model_id": "llama-3-8b", "__rate_interval": "5m"])
        let seed = try Self.values(panel.seedExpr, on: data)
        let ours = try Self.values(expr, on: data).map { $0 * panel.scale }
        #expect(!seed.isEmpty)
        #expect(seed.count == ours.count)
        for (left, right) in zip(seed, ours) {
            #expect(abs(left - right) <= 1e-9 * max(1, abs(left)), "\(panel.seedTitle): \(left) vs \(right)")
        }
    }

    @Test("the per-model section offers model_id as a template variable, like the seed")
    func modelVariable() throws {
        let targets = try #require(KthenaScenario.dashboards().first { $0.kind == .targets })
        let variable = try #require(targets.model.templating.list.first { $0.name == "model_id" })
        #expect(variable.query == "label_values(kthena_inference_requests_total"
            + #"{namespace=~"default|production|staging", endpoint="metrics"}, model_id)"#)
        #expect(targets.model.panels.contains { $0.title == "Latency ($model_id)" })
    }

    /// Sample values of an instant query at the end of the demo data, ordered by labels.
    static func values(_ expr: String, on data: KthenaDemoData) throws -> [Double] {
        let value = try data.engine.instantQuery(expr, at: KthenaDemoData.end, on: data.store)
        guard case .vector(let samples) = value else { return [] }
        return samples.sorted { $0.labels < $1.labels }.map(\.value)
    }
}
