import Foundation
import Testing
import VigilTestSupport
@testable import Monitoring

@Suite("Manifest loading")
struct ManifestLoaderTests {
    static let examples = SharedData.repositoryRoot.appendingPathComponent("examples").path

    @Test("the examples directory loads every Vigil kind")
    func examples() {
        let set = ManifestLoader.load(path: Self.examples)
        #expect(set.problems.map(\.description) == [])
        #expect(set.objects.map(\.object.displayName).sorted() == [
            "PrometheusRule monitoring/kthena-alerts",
            "ServiceLevel monitoring/kthena-inference-availability",
            "ServiceLevel monitoring/kthena-inference-latency",
            "ServiceMonitor monitoring/kthena-metrics",
        ])
        #expect(set.ignored == [])
    }

    @Test("multi-document streams dispatch on apiVersion and kind, with document index and line")
    func multiDocument() {
        let text = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: other}
            ---
            # a comment-only document is empty
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: r, namespace: n}
            spec: {groups: []}
            ---
            apiVersion: sloth.slok.dev/v1
            kind: PrometheusServiceLevel
            metadata: {name: s}
            spec:
              service: svc
              slos: []
            """
        let set = ManifestLoader.parse(text, file: "in.yaml")
        #expect(set.problems == [])
        #expect(set.objects.map(\.object.displayName) == ["PrometheusRule n/r", "PrometheusServiceLevel s"])
        #expect(set.objects.map(\.location.description) == ["in.yaml:7", "in.yaml:12"])
        #expect(set.objects.map(\.location.document) == [2, 3])
        #expect(set.ignored.map(\.kind) == ["ConfigMap"])
    }

    @Test("a List is expanded into its items")
    func list() {
        let text = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: monitoring.coreos.com/v1
              kind: PrometheusRule
              metadata: {name: a}
              spec: {}
            """
        #expect(ManifestLoader.parse(text, file: "l.yaml").objects.map(\.object.displayName) == ["PrometheusRule default/a"])
    }

    @Test("a document of the wrong shape is a problem naming file, line, object and field; others still load")
    func shapeProblem() {
        let text = """
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: bad, namespace: n}
            spec:
              groups:
              - name: g
                rules:
                - alert: A
                  for: 5m
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: good}
            spec: {}
            """
        let set = ManifestLoader.parse(text, file: "r.yaml")
        #expect(set.problems.map(\.description)
            == ["r.yaml:8: PrometheusRule n/bad: spec.groups[0].rules[0].expr: required field is missing"])
        #expect(set.objects.count == 1)
    }

    @Test("YAML syntax errors and non-objects are problems, never crashes", arguments: [
        ("a: [1, 2\n", "bad.yaml:2: invalid YAML"),
        ("- 1\n- 2\n", "bad.yaml:1: expected a Kubernetes object (a mapping)"),
        ("key: \"unterminated\n", "bad.yaml:2: invalid YAML"),
    ])
    func syntax(_ text: String, _ prefix: String) {
        let set = ManifestLoader.parse(text, file: "bad.yaml")
        #expect(set.problems.count == 1)
        #expect(set.problems.first?.description.hasPrefix(prefix) == true, "\(set.problems)")
    }

    @Test("field lines point at the key of the field, or the nearest enclosing one")
    func fieldLines() throws {
        let text = """
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: r}
            spec:
              groups:
              - name: g
                rules:
                - alert: A
                  expr: up
                  labels:
                    team: x
            """
        let loaded = try #require(ManifestLoader.parse(text, file: "f").objects.first)
        #expect(loaded.fieldLines.line(of: "spec.groups[0].rules[0].expr") == 9)
        #expect(loaded.fieldLines.line(of: "spec.groups[0].rules[0].labels[team]") == 11)
        #expect(loaded.fieldLines.line(of: "spec.groups[0].rules[0].for") == 8)
        #expect(loaded.fieldLines.line(of: "spec.groups[3]") == 5)
    }

    @Test("a missing path and standard input")
    func pathsAndStandardInput() {
        #expect(ManifestLoader.load(path: "/nonexistent/vigil").problems.first?.message == "no such file or directory")
        let set = ManifestLoader.load(path: "-", standardInput: {
            "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: x}\nspec: {}\n"
        })
        #expect(set.objects.first?.location.description == "-:1")
    }

    @Test("unknown PrometheusRule fields are warnings with their line")
    func unknownFields() {
        let text = """
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: r, namespace: n}
            spec:
              groups:
              - name: g
                evaluation_interval: 1m
                rules:
                - alert: A
                  expr: up == 0
                  annotaions: {summary: down}
            """
        let set = ManifestLoader.parse(text, file: "u.yaml")
        #expect(set.objects.count == 1)
        #expect(set.problems.map(\.description) == [
            "u.yaml:7: warning: PrometheusRule n/r: spec.groups[0].evaluation_interval: unknown field (the API server drops it; Prometheus rejects it in a rule file)",
            "u.yaml:11: warning: PrometheusRule n/r: spec.groups[0].rules[0].annotaions: unknown field (the API server drops it; Prometheus rejects it in a rule file)",
        ])
        #expect(!OfflineRenderer.render(set).hasErrors)
    }
}
