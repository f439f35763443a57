import Foundation
import VigilTestSupport
@testable import Monitoring

/// The Kthena scenario of `examples/`: the ServiceMonitor, both ServiceLevels, and the
/// metric families the seeds' inference service exposes.
enum KthenaScenario {
    static let examples = SharedData.repositoryRoot.appendingPathComponent("examples")

    static func read(_ file: String) throws -> String {
        try String(contentsOf: examples.appendingPathComponent(file), encoding: .utf8)
    }

    static func serviceMonitor() throws -> ServiceMonitor {
        try ServiceMonitor(yaml: read("kthena-servicemonitor.yaml"))
    }

    static func serviceLevels() throws -> [SLOManifest] {
        try SLOManifestDecoder.decode(yaml: read("kthena-availability-slo.yaml"))
            + SLOManifestDecoder.decode(yaml: read("kthena-latency-slo.yaml"))
    }

    /// The metric families of the seeds' "Key Metrics" list, as the engine reports them.
    static let metrics: [ScrapedMetricFamily] = [
        .init(name: "kthena_inference_requests_total", kind: .counter, help: "Inference requests.",
              labelNames: ["model_id"]),
        .init(name: "kthena_inference_errors_total", kind: .counter, help: "Failed inference requests.",
              labelNames: ["error_type", "model_id"]),
        .init(name: "kthena_inference_duration_seconds", kind: .histogram, help: "Inference latency.",
              labelNames: ["le", "model_id"]),
        .init(name: "kthena_inference_request_size_bytes", kind: .histogram, help: "Request size.",
              labelNames: ["le", "model_id"]),
        .init(name: "kthena_model_load_duration_seconds", kind: .histogram, help: "Model load time.",
              labelNames: ["le", "model_id"]),
        .init(name: "kthena_model_load_failures_total", kind: .counter, help: "Model load failures.",
              labelNames: ["model_id"]),
        .init(name: "kthena_model_memory_usage_bytes", kind: .gauge, help: "Model memory.",
              labelNames: ["model_id"]),
        .init(name: "kthena_model_status", kind: .gauge, help: "1 when the model is loaded.",
              labelNames: ["model_id"]),
    ]

    static func inputs() throws -> DashboardInputs {
        DashboardInputs(serviceLevels: try serviceLevels(), serviceMonitors: [try serviceMonitor()],
                        metrics: metrics)
    }

    static func dashboards() throws -> [GeneratedDashboard] {
        try DashboardGenerator.dashboards(for: inputs())
    }
}

/// Panels and queries of a generated dashboard, read back from its JSON (what Grafana sees).
struct DashboardJSON {
    let root: [String: Any]

    init(_ dashboard: GeneratedDashboard) throws {
        guard let object = try JSONSerialization.jsonObject(with: Data(dashboard.json.utf8)) as? [String: Any] else {
            throw DashboardJSONError.notAnObject
        }
        root = object
    }

    var panels: [[String: Any]] { root["panels"] as? [[String: Any]] ?? [] }

    /// `(panel title, expr)` of every target of every panel.
    var expressions: [(panel: String, expr: String)] {
        panels.flatMap { panel in
            (panel["targets"] as? [[String: Any]] ?? []).compactMap { target in
                (target["expr"] as? String).map { (panel["title"] as? String ?? "", $0) }
            }
        }
    }

    var variableNames: [String] {
        ((root["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    /// Grid rectangles of top-level panels: (x, y, w, h).
    var rectangles: [(x: Int, y: Int, w: Int, h: Int)] {
        panels.compactMap { panel in
            guard let grid = panel["gridPos"] as? [String: Any], let x = grid["x"] as? Int, let y = grid["y"] as? Int,
                  let w = grid["w"] as? Int, let h = grid["h"] as? Int else { return nil }
            return (x, y, w, h)
        }
    }
}

enum DashboardJSONError: Error { case notAnObject }
