import Foundation
import Testing
import VigilTestSupport
@testable import Monitoring

@Suite("PrometheusRule decoding")
struct RuleDecodingTests {
    @Test("decodes the Kthena example with every field")
    func kthenaExample() throws {
        let url = SharedData.repositoryRoot.appendingPathComponent("examples/kthena-prometheusrules.yaml")
        let rule = try PrometheusRule(yaml: String(contentsOf: url, encoding: .utf8))
        #expect(rule.key == "monitoring/kthena-alerts")
        let group = try #require(rule.spec.groups?.first)
        #expect(group.name == "kthena-inference")
        #expect(group.rules.map(\.name) == ["HighInferenceLatency", "HighErrorRate", "ModelLoadFailure"])
        #expect(group.rules[1].for == "2m")
        #expect(group.rules[1].labels?["severity"] == "critical")
    }

    @Test("snake_case group and rule fields decode; an integer expr stays an integer")
    func fieldSpellings() throws {
        let rule = try PrometheusRule(yaml: """
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: r, namespace: n, uid: u-1, generation: 3}
            spec:
              groups:
              - name: g
                query_offset: 1m
                partial_response_strategy: warn
                limit: 4
                rules:
                - alert: A
                  expr: 1
                  keep_firing_for: 5m
                  labels: {priority: 1, page: true}
            """)
        let group = try #require(rule.spec.groups?.first)
        #expect(group.queryOffset == "1m" && group.partialResponseStrategy == "warn" && group.limit == 4)
        #expect(group.rules[0].expr == .int(1))
        #expect(group.rules[0].keepFiringFor == "5m")
        #expect(group.rules[0].labels == ["priority": "1", "page": "true"])
        #expect(rule.metadata.uid == "u-1" && rule.metadata.generation == 3)
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        var yaml: String
        var description: String
        var testDescription: String { description }
    }

    @Test("decoding errors name the field and its line", arguments: [
        Failure(yaml: "metadata: {name: r}\nspec:\n  groups:\n  - name: g\n    rules:\n    - alert: A\n      for: 5m\n",
                description: "line 6: spec.groups[0].rules[0].expr: required field is missing"),
        Failure(yaml: "metadata: {name: r}\nspec:\n  groups:\n  - name: g\n    rules: {a: b}\n",
                description: "line 5: spec.groups[0].rules: expected a list"),
        Failure(yaml: "metadata: {name: r}\nspec:\n  groups:\n  - name: g\n    limit: many\n    rules: []\n",
                description: "line 5: spec.groups[0].limit: expected an integer"),
        Failure(yaml: "spec: {}\n", description: "line 1: metadata: required field is missing"),
    ])
    func decodingErrors(_ failure: Failure) {
        #expect(throws: ManifestDecodingFailure.self) { try PrometheusRule(yaml: failure.yaml) }
        do {
            _ = try PrometheusRule(yaml: failure.yaml)
        } catch {
            #expect(error.description == failure.description)
        }
    }

    @Test("broken YAML is a decoding failure, not a crash")
    func brokenYAML() {
        #expect(throws: ManifestDecodingFailure.self) { try PrometheusRule(yaml: "spec: [\n") }
        #expect(throws: ManifestDecodingFailure.self) { try PrometheusRule(yaml: "") }
    }
}
