import Foundation
import Testing
import VigilTestSupport
import Yams
@testable import Monitoring

/// The manifests in `examples/` must stay valid: the SLOs validate and match their golden
/// inputs, and the PrometheusRule's groups pass `promtool check rules`.
@Suite("Kthena examples")
struct SLOExamplesTests {
    static let examples = SharedData.repositoryRoot.appendingPathComponent("examples")

    static func read(_ name: String) throws -> String {
        try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8)
    }

    @Test("the SLO examples validate and equal the golden inputs", arguments: [
        ("kthena-availability-slo.yaml", "kthena-availability"), ("kthena-latency-slo.yaml", "kthena-latency"),
    ])
    func sloExamples(_ file: String, _ golden: String) throws {
        let example = try SLOManifestDecoder.decode(yaml: Self.read(file))
        #expect(example.count == 1)
        #expect(try example == SLOManifestDecoder.decode(yaml: SLOGoldenCase(name: golden).read("input.yaml")))
        #expect(try SLOTestInputs.definitions(yaml: Self.read(file), options: .vigil).count == 1)
    }

    @Test("the ServiceMonitor and PrometheusRule examples have the expected kinds", arguments: [
        ("kthena-servicemonitor.yaml", "ServiceMonitor"), ("kthena-prometheusrules.yaml", "PrometheusRule"),
    ])
    func operatorExamples(_ file: String, _ kind: String) throws {
        let object = try #require(try Yams.load(yaml: Self.read(file)) as? [String: Any])
        #expect(object["apiVersion"] as? String == "monitoring.coreos.com/v1")
        #expect(object["kind"] as? String == kind)
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["name"] is String && metadata["namespace"] is String)
    }

    @Test("the PrometheusRule example has the three seed alerts and promtool accepts its groups")
    func prometheusRuleExample() throws {
        let object = try #require(try Yams.compose(yaml: Self.read("kthena-prometheusrules.yaml")))
        let spec = try #require(object["spec"])
        let alerts = (spec["groups"]?.sequence ?? []).flatMap { $0["rules"]?.sequence ?? [] }.compactMap { $0["alert"]?.string }
        #expect(alerts == ["HighInferenceLatency", "HighErrorRate", "ModelLoadFailure"])
        guard SLOPromtoolTests.promtoolAvailable() else { return }
        let directory = try SLOPromtoolTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }   // cleanup only
        let file = directory.appendingPathComponent("rules.yaml")
        try Yams.serialize(node: spec).write(to: file, atomically: true, encoding: .utf8)
        let result = try SLOPromtoolTests.run(["check", "rules", file.path])
        #expect(result.status == 0, "\(result.output)")
    }
}
