import Foundation
import Testing
import VigilTestSupport
@testable import Monitoring

@Suite("Offline generate and check")
struct OfflineRendererTests {
    static let examples = ManifestLoaderTests.examples

    static func examplesText() throws -> [(String, String)] {
        try FileManager.default.contentsOfDirectory(atPath: examples).sorted().filter { $0.hasSuffix(".yaml") }.map {
            ($0, try String(contentsOfFile: "\(examples)/\($0)", encoding: .utf8))
        }
    }

    @Test("the examples render without problems: config, PrometheusRule file, one file per ServiceLevel")
    func examples() {
        let output = OfflineRenderer.render(ManifestLoader.load(path: Self.examples))
        #expect(output.problems.map(\.description) == [])
        #expect(output.files.map(\.path).filter { !$0.hasPrefix("dashboards/") } == [
            "prometheus/prometheus.yaml",
            "rules/monitoring-kthena-alerts.yaml",
            "rules/monitoring-kthena-inference-availability-servicelevel.yaml",
            "rules/monitoring-kthena-inference-latency-servicelevel.yaml",
        ])
        // Two SLOs, one ServiceMonitor, the overview.
        let dashboards = output.files.filter { $0.path.hasPrefix("dashboards/") }
        #expect(dashboards.count == 4)
        #expect(dashboards.allSatisfy { $0.path.hasSuffix(".json") && $0.contents.hasPrefix("{") })
        let config = output.files[0].contents
        #expect(config.contains("job_name: serviceMonitor/monitoring/kthena-metrics/0"))
        #expect(config.contains("rule_files:\n- ../rules/*.yaml"))
        #expect(output.concatenated.hasPrefix("---\n# Source: prometheus/prometheus.yaml\n"))
        #expect(!output.concatenated.contains("\n\n---\n"))
        #expect(OfflineRenderer.render(ManifestLoader.load(path: Self.examples)) == output)
    }

    @Test("promtool accepts the configuration and every rule file generated from the examples")
    func promtoolAcceptsExamples() throws {
        guard SLOPromtoolTests.promtoolAvailable() else { return }
        var options = OfflineRenderOptions.default
        options.scrape.prometheusVersion = PromtoolCheckTests.oracleVersion
        let set = ManifestLoader.load(path: Self.examples)
        let output = OfflineRenderer.render(set, options: options)
        let directory = try SLOPromtoolTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }   // cleanup only
        try output.write(to: directory)
        let rules = output.files.filter { $0.path.hasPrefix("rules/") }.map { directory.appendingPathComponent($0.path).path }
        let checkRules = try SLOPromtoolTests.run(["check", "rules"] + rules)
        #expect(checkRules.status == 0, "\(checkRules.output)")
        // Debian's promtool has no Kubernetes discovery: check the same document with static
        // targets instead (see PromtoolCheckTests); its rule_files glob loads the rules again.
        let monitors = set.objects.compactMap { loaded -> ServiceMonitor? in
            if case .serviceMonitor(let monitor) = loaded.object { return monitor } else { return nil }
        }
        var document = ScrapeConfigGenerator.document(monitors, options: options.scrape).document
        document.ruleFiles = ["../rules/*.yaml"]
        #expect(try document.yaml() == output.files.first?.contents)
        let tree = PromtoolCheckTests.withoutKubernetesDiscovery(try OrderedYAMLEncoder().encode(document))
        let config = directory.appendingPathComponent("prometheus/prometheus.yaml")
        try OrderedYAML.emit(tree).write(to: config, atomically: true, encoding: .utf8)
        let checkConfig = try SLOPromtoolTests.run(["check", "config", config.path])
        #expect(checkConfig.status == 0, "\(checkConfig.output)")
        #expect(checkConfig.output.contains("SUCCESS: 3 rule files found"), "\(checkConfig.output)")
    }

    struct Breakage: Sendable, CustomTestStringConvertible {
        var file: String
        var replace: String
        var with: String
        var expected: String
        var testDescription: String { "\(file): \(expected)" }
    }

    @Test("a broken copy of an example is reported with file, line, object, field and message", arguments: [
        Breakage(file: "kthena-prometheusrules.yaml",
                 replace: "by (model_id) / sum(rate(kthena_inference_requests_total[5m])) by (model_id) > 0.05",
                 with: "by (model_id) / sum(rate(kthena_inference_requests_total[5m]) by (model_id) > 0.05",
                 expected: #"kthena-prometheusrules.yaml:24: PrometheusRule monitoring/kthena-alerts: group "kthena-inference", rule 2 ("HighErrorRate"): expr: 1:108: parse error: unexpected <by> in aggregation"#),
        Breakage(file: "kthena-prometheusrules.yaml", replace: "for: 1m", with: "for: 1 minute",
                 expected: #"kthena-prometheusrules.yaml:34: PrometheusRule monitoring/kthena-alerts: group "kthena-inference", rule 3 ("ModelLoadFailure"): for: not a valid duration string: "1 minute""#),
        Breakage(file: "kthena-availability-slo.yaml", replace: "sum(rate(kthena_inference_errors_total[{{.window}}]))",
                 with: "sum(rate(kthena_inference_errors_total{{.window}}))",
                 expected: "kthena-availability-slo.yaml:21: ServiceLevel monitoring/kthena-inference-availability: spec.sli.events.errorQuery: "),
        Breakage(file: "kthena-availability-slo.yaml", replace: "objective: 99.9", with: "objective: 100",
                 expected: "kthena-availability-slo.yaml:15: ServiceLevel monitoring/kthena-inference-availability: spec.objective: objective must be greater than 0 and less than 100"),
    ])
    func brokenExample(_ breakage: Breakage) throws {
        let text = try String(contentsOfFile: "\(Self.examples)/\(breakage.file)", encoding: .utf8)
        #expect(text.contains(breakage.replace), "the example changed; update the test")
        let broken = text.replacingOccurrences(of: breakage.replace, with: breakage.with)
        let output = OfflineRenderer.render(ManifestLoader.parse(broken, file: breakage.file),
                                            options: OfflineRenderOptions(dashboards: nil))
        #expect(output.hasErrors)
        #expect(output.problems.count == 1)
        #expect(output.problems.first?.description.hasPrefix(breakage.expected) == true, "\(output.problems)")
        // The broken object is left out; the configuration is still written.
        #expect(output.files.map(\.path) == ["prometheus/prometheus.yaml"])
    }

    @Test("ServiceMonitor problems are positioned; duplicates are reported; dashboards can be switched off")
    func monitorsDuplicatesDashboards() {
        let text = """
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: m, namespace: n}
            spec:
              selector: {matchLabels: {app: x}}
              endpoints:
              - port: web
                interval: 10s
                scrapeTimeout: 20s
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: r, namespace: n}
            spec: {}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: r, namespace: n}
            spec: {}
            """
        let output = OfflineRenderer.render(ManifestLoader.parse(text, file: "m.yaml"))
        #expect(output.problems.map(\.description).contains { $0.hasPrefix("m.yaml:9: ServiceMonitor n/m: spec.endpoints[0].scrapeTimeout: ") })
        #expect(output.problems.map(\.description).contains {
            $0 == "m.yaml:16: PrometheusRule n/r: defined again (first at m.yaml:11); the later one would replace it"
        })
        // The rejected monitor still gets no scrape job, but the overview dashboard is written.
        #expect(!output.files[0].contents.contains("serviceMonitor/n/m/0"))
        #expect(output.files.contains { $0.path.hasPrefix("dashboards/") })
        #expect(OfflineRenderer.render(ManifestLoader.parse(text, file: "m.yaml"), options: OfflineRenderOptions(dashboards: nil))
            .files.allSatisfy { !$0.path.hasPrefix("dashboards/") })
    }

    @Test("writing removes rule and dashboard files that are no longer generated, and nothing else")
    func writeRemovesStaleFiles() throws {
        let directory = try SLOPromtoolTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }   // cleanup only
        let full = OfflineRenderer.render(ManifestLoader.load(path: Self.examples))
        #expect(try full.write(to: directory) == [])
        let notes = directory.appendingPathComponent("rules/README.txt")
        try "mine".write(to: notes, atomically: true, encoding: .utf8)
        var smaller = full
        smaller.files.removeAll { $0.path == "rules/monitoring-kthena-alerts.yaml" }
        #expect(try smaller.write(to: directory) == ["rules/monitoring-kthena-alerts.yaml"])
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("rules").path).sorted()
        #expect(left == ["README.txt", "monitoring-kthena-inference-availability-servicelevel.yaml",
                         "monitoring-kthena-inference-latency-servicelevel.yaml"])
    }
}
