import Foundation
import Testing
import VigilTestSupport
@testable import Monitoring

/// Every generated dashboard, bare and inside its sidecar ConfigMap, passes
/// `../shared/tools/validate-dashboard.sh --strict-panels --werror`: the Grafana dashboard
/// schema, the per-plugin option schemas, and the lint (uids, ids, grid, datasource
/// variable, units, thresholds, ConfigMap label/key/size).
///
/// The tool needs python3 with check-jsonschema and PyYAML (it pip-installs them when
/// missing). Without them the test is skipped locally and fails under CI=true.
@Suite("Dashboard schema validation")
struct DashboardSchemaValidationTests {
    static let tool = SharedData.url("tools/validate-dashboard.sh")

    @Test("the Kthena dashboards and their ConfigMaps pass validate-dashboard.sh --strict-panels --werror")
    func kthenaDashboardsValidate() throws {
        try Self.validate(KthenaScenario.dashboards())
    }

    @Test("dashboards of unusual inputs pass validate-dashboard.sh too")
    func unusualInputsValidate() throws {
        try Self.validate(DashboardGenerator.dashboards(for: DashboardVariety.inputs()))
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
        let manifests = try dashboards.map { try DashboardConfigMap(dashboard: $0, ownerUID: "0000-uid").yaml() }
        let configMaps = directory.appendingPathComponent("configmaps.yaml")
        try manifests.joined(separator: "---\n").write(to: configMaps, atomically: true, encoding: .utf8)
        // Bare files and ConfigMaps go in separate runs: the lint rejects one uid in two inputs.
        try run(["--strict-panels", "--werror"] + files)
        try run(["--strict-panels", "--werror", configMaps.path])
    }

    private static func run(_ arguments: [String]) throws {
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
        case 2: try unavailable("validate-dashboard.sh could not run (exit 2):\n\(text)")
        default: Issue.record(Comment(rawValue: "validate-dashboard.sh found problems:\n\(text)"))
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
