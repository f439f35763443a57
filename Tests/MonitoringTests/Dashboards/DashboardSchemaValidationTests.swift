import Foundation
import Testing
import VigilTestSupport
@testable import Monitoring

/// Every generated dashboard, bare and inside its sidecar ConfigMap, passes
/// `../shared/tools/validate-dashboard.sh --strict-panels --werror`, and the ConfigMaps and
/// GrafanaDashboard CRs pass `validate-manifests.sh --crd` (Kubernetes and grafana-operator
/// schemas). `validate-dashboard.sh` checks the Grafana dashboard
/// schema, the per-plugin option schemas, and the lint (uids, ids, grid, datasource
/// variable, units, thresholds, ConfigMap label/key/size, GrafanaDashboard CR shape).
///
/// The tools need python3 with check-jsonschema, PyYAML and kubernetes-validate (they
/// pip-install them when missing). Without them the test is skipped locally and fails
/// under CI=true.
@Suite("Dashboard schema validation")
struct DashboardSchemaValidationTests {
    static let tool = SharedData.url("tools/validate-dashboard.sh")
    static let manifestTool = SharedData.url("tools/validate-manifests.sh")

    @Test("the Kthena dashboards and their ConfigMaps pass validate-dashboard.sh --strict-panels --werror")
    func kthenaDashboardsValidate() throws {
        try Self.validate(KthenaScenario.dashboards())
    }

    @Test("dashboards of unusual inputs pass validate-dashboard.sh too")
    func unusualInputsValidate() throws {
        try Self.validate(DashboardGenerator.dashboards(for: DashboardVariety.inputs()))
    }

    @Test("the overview of more ServiceMonitors than it shows one by one (a table of jobs) passes too")
    func largeOverviewValidates() throws {
        let monitors = try OverviewScaleTests.monitors(OverviewDashboardBuilder.monitorPanelLimit + 1)
        try Self.validate([DashboardGenerator.overview(for: DashboardInputs(serviceMonitors: monitors))])
    }

    @Test("dashboards generated offline from the examples directory pass too")
    func offlineDashboardsValidate() throws {
        let inputs = DashboardInputs(manifests: OfflineDashboardTests.examples())
        try Self.validate(DashboardGenerator.dashboards(for: inputs))
    }

    static func validate(_ dashboards: [GeneratedDashboard]) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vigil-dashboards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }   // best-effort cleanup of a temp dir
        var files: [String] = []
        for dashboard in dashboards {
            let url = directory.appendingPathComponent(dashboard.fileName)
            try dashboard.prettyJSON.write(to: url, atomically: true, encoding: .utf8)
            files.append(url.path)
        }
        var manifests: [String] = []
        for dashboard in dashboards {
            let configMap = try DashboardConfigMap(dashboard: dashboard, ownerUID: "0000-uid")
            manifests.append(try configMap.yaml())
            manifests.append(try GrafanaOperatorDashboard(configMap: configMap, uid: dashboard.uid,
                                                          instanceSelector: ["dashboards": "grafana"]).yaml())
        }
        let configMaps = directory.appendingPathComponent("configmaps.yaml")
        try manifests.joined(separator: "---\n").write(to: configMaps, atomically: true, encoding: .utf8)
        // Bare files and ConfigMaps go in separate runs: the lint rejects one uid in two inputs.
        try run(tool, ["--strict-panels", "--werror"] + files)
        try run(tool, ["--strict-panels", "--werror", configMaps.path])
        // The ConfigMaps against Kubernetes' schema, the CRs against grafana-operator's CRD.
        try run(manifestTool, ["--crd", SharedData.url("schemas/grafana-operator").path, configMaps.path])
    }

    private static func run(_ tool: URL, _ arguments: [String]) throws {
        let name = tool.lastPathComponent
        guard FileManager.default.fileExists(atPath: tool.path) else {
            try unavailable("\(tool.path) not found")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [tool.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0: break
        case 2: try unavailable("\(name) could not run (exit 2):\n\(text)")
        default: Issue.record(Comment(rawValue: "\(name) found problems:\n\(text)"))
        }
    }

    /// A missing tool fails under CI and skips the test (with the reason) elsewhere.
    private static func unavailable(_ reason: String) throws {
        if SharedData.isCI {
            Issue.record(Comment(rawValue: "CI=true and the dashboard validator is unavailable: \(reason)"))
        } else {
            try Test.cancel(Comment(rawValue: "dashboard validator unavailable, skipped: \(reason)"))
        }
    }
}
