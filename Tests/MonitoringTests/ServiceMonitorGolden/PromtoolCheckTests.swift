import Foundation
import Monitoring
import Testing
import VigilTestSupport

/// Every generated document must be a config Prometheus accepts. Debian's promtool (2.42)
/// is the oracle; without it the test is skipped locally and fails under `CI=true`.
///
/// Debian builds Prometheus without Kubernetes service discovery, so its promtool rejects
/// any `kubernetes_sd_configs` key. The check therefore swaps that one key for an
/// equivalent `static_configs` entry (in the parsed tree, not the text); everything else —
/// relabel rules, auth, TLS, limits, globals — is checked as generated.
@Suite("Generated configs pass promtool check config")
struct PromtoolCheckTests {
    static let promtool = "/usr/bin/promtool"
    static let oracleVersion = PrometheusVersion(2, 42, 0)

    @Test("the whole document of each golden case passes promtool", arguments: try ScrapeGoldenCase.all())
    func documentPassesPromtool(_ golden: ScrapeGoldenCase) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.promtool) else {
            #expect(!SharedData.isCI, "promtool is required under CI=true")
            return
        }
        let (monitors, secrets) = try golden.inputs()
        var options = try golden.options()
        options.ruleConfigMapCount = 1
        // Generate for the oracle's own version, so keys newer than 2.42 (e.g. `no_proxy`)
        // are left out exactly as prometheus-operator would for such a Prometheus.
        options.prometheusVersion = Self.oracleVersion
        let document = ScrapeConfigGenerator.document(monitors, options: options, secrets: secrets).document
        let yaml = OrderedYAML.emit(Self.withoutKubernetesDiscovery(try OrderedYAMLEncoder().encode(document)))
        let result = try Self.check(yaml)
        #expect(result.status == 0, "promtool rejected \(golden.name):\n\(result.output)\n\(yaml)")
    }

    @Test("a document with no monitors passes promtool")
    func emptyDocumentPassesPromtool() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.promtool) else {
            #expect(!SharedData.isCI, "promtool is required under CI=true")
            return
        }
        let yaml = try ScrapeConfigGenerator.document([], options: GeneratorOptions()).document.yaml()
        #expect(yaml.contains("scrape_configs: []\n"))
        let result = try Self.check(yaml)
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("relabelings that validation rejects are rejected by promtool too",
          arguments: [#"{sourceLabels: [a], regex: "(", targetLabel: b}"#,
                      "{action: hashmod, sourceLabels: [a], targetLabel: b}",
                      "{action: replace, sourceLabels: [a]}"])
    func promtoolAgreesWithValidation(_ rule: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.promtool) else {
            #expect(!SharedData.isCI, "promtool is required under CI=true")
            return
        }
        let monitor = try ServiceMonitor(yaml: """
            metadata: {name: m, namespace: ns}
            spec:
              selector: {}
              endpoints:
              - port: web
                relabelings:
                - \(rule)
            """)
        #expect(!ServiceMonitorValidator.validate(monitor, options: GeneratorOptions()).isEmpty)
        // Bypass validation to show the oracle really checks relabel rules.
        let jobs = ScrapeConfigGenerator.jobs(for: monitor, options: GeneratorOptions())
        let document = PrometheusConfigDocument(jobs: jobs, options: GeneratorOptions())
        let yaml = OrderedYAML.emit(Self.withoutKubernetesDiscovery(try OrderedYAMLEncoder().encode(document)))
        #expect(try Self.check(yaml).status != 0)
    }

    /// `node` with each job's `kubernetes_sd_configs` replaced by a static target.
    static func withoutKubernetesDiscovery(_ node: YAMLNode) -> YAMLNode {
        guard case .mapping(let pairs) = node else { return node }
        return .mapping(pairs.map { pair in
            guard pair.key == "scrape_configs", case .sequence(let jobs) = pair.value else { return pair }
            return (key: pair.key, value: .sequence(jobs.map { job in
                guard case .mapping(let fields) = job else { return job }
                return .mapping(fields.map { field in
                    guard field.key == "kubernetes_sd_configs" else { return field }
                    let target: YAMLNode = .mapping([(key: "targets", value: .sequence([.string("127.0.0.1:9090")]))])
                    return (key: "static_configs", value: .sequence([target]))
                })
            }))
        })
    }

    /// Runs `promtool check config` on `yaml` written to a fresh temporary directory.
    static func check(_ yaml: String) throws -> (status: Int32, output: String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vigil-promtool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }  // best effort cleanup
        let file = directory.appendingPathComponent("prometheus.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        // Client certificate files exist only inside the Prometheus pod; promtool would stat
        // them, so configs that name any are checked for syntax and semantics only.
        let referencesFiles = yaml.contains("cert_file:") || yaml.contains("key_file:")
        process.arguments = ["check", "config"] + (referencesFiles ? ["--syntax-only"] : []) + [file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
