import Foundation
import Testing
@testable import Monitoring

/// Golden files: `Golden/dashboards/<uid>.json` holds the indented JSON of every dashboard
/// generated for the Kthena examples. `VIGIL_UPDATE_GOLDEN=1` rewrites them for review.
@Suite("Dashboard golden files")
struct DashboardGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/dashboards")

    static var updating: Bool { ProcessInfo.processInfo.environment["VIGIL_UPDATE_GOLDEN"] == "1" }

    @Test("the Kthena examples give one dashboard per SLO, one per ServiceMonitor and an overview")
    func kthenaDashboardKinds() throws {
        let dashboards = try KthenaScenario.dashboards()
        #expect(dashboards.map(\.kind) == [.serviceLevel, .serviceLevel, .targets, .overview])
        #expect(dashboards.map(\.title) == [
            "SLO / monitoring / kthena-inference-availability",
            "SLO / monitoring / kthena-inference-latency",
            "Targets / monitoring / kthena-metrics",
            "Vigil / Overview",
        ])
    }

    @Test("every Kthena dashboard matches its golden file")
    func kthenaGoldens() throws {
        let dashboards = try KthenaScenario.dashboards()
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            for stale in try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            where stale.hasSuffix(".json") {
                try FileManager.default.removeItem(at: Self.directory.appendingPathComponent(stale))
            }
        }
        for dashboard in dashboards {
            let url = Self.directory.appendingPathComponent(dashboard.fileName)
            if Self.updating {
                try dashboard.prettyJSON.write(to: url, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: url, encoding: .utf8)
            if let difference = Self.firstDifference(dashboard.prettyJSON, expected) {
                let message = "\(dashboard.fileName) differs from its golden file at \(difference); "
                    + "VIGIL_UPDATE_GOLDEN=1 rewrites it"
                Issue.record(Comment(rawValue: message))
            }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".json") }
        #expect(Set(files) == Set(dashboards.map(\.fileName)), "golden files without a dashboard, or the reverse")
    }

    /// `line N: got … expected …` for the first differing line, nil when equal.
    static func firstDifference(_ actual: String, _ expected: String) -> String? {
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(got.count, want.count) {
            let left = index < got.count ? String(got[index]) : "<end>"
            let right = index < want.count ? String(want[index]) : "<end>"
            if left != right { return "line \(index + 1): got `\(left)`, expected `\(right)`" }
        }
        return nil
    }

    @Test("generating twice gives identical bytes")
    func deterministic() throws {
        let first = try KthenaScenario.dashboards()
        let second = try DashboardGenerator.dashboards(for: KthenaScenario.inputs())
        #expect(first.map(\.json) == second.map(\.json))
        #expect(first.map(\.prettyJSON) == second.map(\.prettyJSON))
    }

    @Test("the order of input objects does not change the output")
    func inputOrderDoesNotMatter() throws {
        var inputs = try KthenaScenario.inputs()
        let forward = try DashboardGenerator.dashboards(for: inputs)
        inputs.serviceLevels.reverse()
        inputs.metrics.reverse()
        let backward = try DashboardGenerator.dashboards(for: inputs)
        #expect(forward.map(\.json) == backward.map(\.json))
    }
}
