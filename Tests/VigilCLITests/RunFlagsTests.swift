import Foundation
import Testing
import VigilTestSupport
import Yams

/// The flags the shipped manifests pass must be accepted by `vigil run`, checked with
/// `--check-config` (validates every flag, connects to nothing).
@Suite("vigil run flags", .serialized)
struct RunFlagsTests {
    /// Where `scripts/` installs helm for CI and local runs.
    static let helm = FileManager.default.homeDirectoryForCurrentUser
        .appendingPathComponent(".cache/vigil-tools/bin/helm")
    static var helmAvailable: Bool { FileManager.default.isExecutableFile(atPath: helm.path) }

    /// The `args` of the `vigil` container of the Deployment in `yaml` (one or more
    /// documents), with `$(VAR)` references expanded as the kubelet would.
    static func containerArguments(in yaml: String) throws -> [String] {
        for document in try Yams.load_all(yaml: yaml) {
            guard let object = document as? [String: Any], object["kind"] as? String == "Deployment",
                  let spec = object["spec"] as? [String: Any], let template = spec["template"] as? [String: Any],
                  let podSpec = template["spec"] as? [String: Any],
                  let containers = podSpec["containers"] as? [[String: Any]],
                  let container = containers.first(where: { $0["name"] as? String == "vigil" }),
                  let arguments = container["args"] as? [Any]
            else { continue }
            return arguments.map {
                "\($0)".replacingOccurrences(of: "$(POD_NAMESPACE)", with: "vigil-system")
                    .replacingOccurrences(of: "$(POD_NAME)", with: "vigil-0")
            }
        }
        throw ManifestError.noVigilContainer
    }

    enum ManifestError: Error { case noVigilContainer }

    static func checkConfig(_ arguments: [String]) async throws -> VigilBinary.Output {
        try #require(arguments.first == "run", "the container must run `vigil run`: \(arguments)")
        return try await VigilBinary.run(arguments + ["--check-config"])
    }

    @Test("the args of deploy/deployment.yaml are accepted")
    func plainManifestArguments() async throws {
        let url = SharedData.repositoryRoot.appendingPathComponent("deploy/deployment.yaml")
        let arguments = try Self.containerArguments(in: String(contentsOf: url, encoding: .utf8))
        let output = try await Self.checkConfig(arguments)
        #expect(output.status == 0, "\(arguments): \(output.stderr)")
        #expect(output.stdout.contains("configuration OK"))
        #expect(output.stdout.contains("operator namespace: vigil-system"))
        #expect(output.stdout.contains("grafana dashboard label: grafana_dashboard=1"))
        #expect(output.stdout.contains("data dir: /var/lib/vigil (snapshot every 5m)"))
    }

    @Test("the chart's args with default and CI values are accepted",
          .enabled(if: helmAvailable || SharedData.isCI, "helm is not installed (~/.cache/vigil-tools/bin/helm)"),
          arguments: ["", "ci/custom-values.yaml"])
    func chartArguments(valuesFile: String) async throws {
        try #require(Self.helmAvailable, "CI needs helm at \(Self.helm.path)")
        let chart = SharedData.repositoryRoot.appendingPathComponent("charts/vigil")
        var helmArguments = ["template", "vigil", chart.path, "--namespace", "vigil-system",
                             "--show-only", "templates/deployment.yaml"]
        if !valuesFile.isEmpty { helmArguments += ["--values", chart.appendingPathComponent(valuesFile).path] }
        let rendered = try await VigilBinary.run(helmArguments, executable: Self.helm)
        try #require(rendered.status == 0, "helm template failed: \(rendered.stderr)")
        let arguments = try Self.containerArguments(in: rendered.stdout)
        let output = try await Self.checkConfig(arguments)
        #expect(output.status == 0, "\(arguments): \(output.stderr)")
        if !valuesFile.isEmpty {
            #expect(output.stdout.contains("servicemonitor selector: team=ml-ops"))
            #expect(output.stdout.contains("rule selector: team=ml-ops,tier notin (batch)"))
            #expect(output.stdout.contains("watch namespaces: production,staging"))
            #expect(output.stdout.contains("grafana dashboard label: grafana_dashboard=1"))
        }
        #expect(output.stdout.contains("data dir: /var/lib/vigil (snapshot every 5m)"))
    }

    @Test("set-based selectors, a dashboard label and external labels are parsed")
    func structuredFlags() async throws {
        let output = try await VigilBinary.run([
            "run", "--check-config", "--servicemonitor-selector", "env in (prod, staging),!legacy",
            "--grafana-dashboard-label", "team_dashboards=yes", "--external-labels", "cluster=prod-eu,region=eu-1",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("servicemonitor selector: env in (prod,staging),!legacy"))
        #expect(output.stdout.contains("grafana dashboard label: team_dashboards=yes"))
        #expect(output.stdout.contains("external labels: cluster=prod-eu,region=eu-1"))
    }

    @Test("--data-dir and --snapshot-interval are reported by --check-config; without them the store is memory only")
    func dataDirectory() async throws {
        let persisted = try await VigilBinary.run(["run", "--check-config", "--data-dir", "/data/vigil", "--snapshot-interval", "90s"])
        #expect(persisted.status == 0, "\(persisted.stderr)")
        #expect(persisted.stdout.contains("data dir: /data/vigil (snapshot every 90s)"))
        let memory = try await VigilBinary.run(["run", "--check-config"])
        #expect(memory.stdout.contains("data dir: (none: memory only)"))
    }

    static let badFlags: [(flag: String, value: String, message: String)] = [
        ("--rule-selector", "tier!batch", "column 5"),
        ("--servicemonitor-selector", "env in (a", "missing ')'"),
        ("--grafana-dashboard-label", "grafana_dashboard", "expected NAME=VALUE"),
        ("--external-labels", "cluster=a,1x=b", "not a valid label name"),
        ("--snapshot-interval", "soon", "expected a positive duration"),
        ("--snapshot-interval", "0s", "expected a positive duration"),
        ("--data-dir", "", "must not be empty"),
        ("--retention", "a month", "not a positive duration"),
        ("--retention", "0s", "not a positive duration"),
    ]

    @Test("a bad flag value fails with a message naming the flag", arguments: badFlags)
    func badFlag(flag: String, value: String, message: String) async throws {
        let output = try await VigilBinary.run(["run", "--check-config", flag, value])
        #expect(output.status != 0)
        #expect(output.stderr.contains(flag), "\(output.stderr)")
        #expect(output.stderr.contains(message), "\(output.stderr)")
    }

    @Test("run --help documents the new flags")
    func help() async throws {
        let output = try await VigilBinary.run(["run", "--help"])
        #expect(output.status == 0)
        for flag in ["--grafana-dashboard-label", "--external-labels", "--check-config", "--rule-selector", "--data-dir",
                     "--snapshot-interval", "--retention", "--no-servicemonitor-dashboards", "--dashboards-beside-sources"] {
            #expect(output.stdout.contains(flag), "\(flag) missing from --help")
        }
    }
}
