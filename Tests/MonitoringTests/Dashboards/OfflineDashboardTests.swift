import Foundation
import Testing
import VigilTestSupport
@testable import Monitoring

/// `vigil generate -f examples/`: dashboards straight from the manifest directory.
@Suite("Dashboards from loaded manifests")
struct OfflineDashboardTests {
    static func examples() -> [LoadedManifest] {
        ManifestLoader.load(path: KthenaScenario.examples.path).objects
    }

    @Test("the examples directory gives the three kinds, with the Kthena request panels inferred from the queries")
    func examplesDirectory() throws {
        let inputs = DashboardInputs(manifests: Self.examples())
        #expect(inputs.serviceLevels.count == 2)
        #expect(inputs.serviceMonitors.map(\.key) == ["monitoring/kthena-metrics"])
        let dashboards = try DashboardGenerator.dashboards(for: inputs)
        #expect(dashboards.map(\.kind) == [.serviceLevel, .serviceLevel, .targets, .overview])
        let targets = try #require(dashboards.first { $0.kind == .targets })
        let titles = Set(targets.model.panels.map(\.title))
        #expect(titles.isSuperset(of: ["Request rate", "Latency p95", "Error ratio", "Request rate ($model_id)"]))
    }

    @Test("generate writes one JSON file per dashboard and the sidecar ConfigMaps, all valid")
    func files() throws {
        let files = try DashboardGenerator.files(for: Self.examples())
        #expect(files.map(\.path) == [
            "vigil-slo-kthena-inference-c9aff2cc03d0.json", "vigil-slo-kthena-inference-48a98279b4e3.json",
            "vigil-sm-kthena-metrics-14ea93d5e336.json", "vigil-overview.json", "configmaps.yaml",
        ])
        let configMaps = try #require(files.last?.contents)
        #expect(configMaps.components(separatedBy: "kind: ConfigMap").count == 5)
        #expect(!configMaps.contains("ownerReferences"))
    }
}
