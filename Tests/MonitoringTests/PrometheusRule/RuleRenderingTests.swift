import Foundation
import Testing
import VigilTestSupport
import Yams
@testable import Monitoring

@Suite("PrometheusRule rendering")
struct RuleRenderingTests {
    @Test("renders each golden input to exactly its expected rule file", arguments: try RuleGoldenCase.all())
    func golden(_ golden: RuleGoldenCase) throws {
        let file = try golden.render()
        if ProcessInfo.processInfo.environment["VIGIL_UPDATE_GOLDEN"] == "1" {
            try file.contents.write(to: golden.url("expected.yaml"), atomically: true, encoding: .utf8)
        }
        #expect(file.contents == (try golden.read("expected.yaml")))
        if FileManager.default.fileExists(atPath: golden.url("filename").path) {
            #expect(file.path == (try golden.read("filename")).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test("golden inputs are valid rules", arguments: try RuleGoldenCase.all())
    func goldenInputsAreValid(_ golden: RuleGoldenCase) throws {
        #expect(PrometheusRuleValidator.issues(in: try golden.input()).map(\.description) == [])
    }

    @Test("rendering is stable across runs and reads back as the same groups")
    func stableAndRoundTrips() throws {
        for golden in try RuleGoldenCase.all() {
            let rule = try golden.input()
            let first = PrometheusRuleRenderer.render(rule)
            #expect(PrometheusRuleRenderer.render(rule) == first)
            let reread = try YAMLDecoder().decode(RuleFileGroups.self, from: first.contents)
            let kept = (rule.spec.groups ?? []).map { group in
                group.rules.map { "\($0.alert ?? "")|\($0.record ?? "")|\($0.expr.description)" }
            }
            #expect(reread.groups.map { $0.rules.map { "\($0.alert ?? "")|\($0.record ?? "")|\($0.expr)" } } == kept)
        }
    }

    @Test("file names follow prometheus-operator: namespace, name and uid")
    func fileNames() {
        var rule = PrometheusRule(metadata: .init(name: "b-c", namespace: "a", uid: "123"), spec: .init())
        #expect(PrometheusRuleRenderer.fileName(for: rule) == "a-b-c-123.yaml")
        rule.metadata.uid = nil
        rule.metadata.namespace = nil
        #expect(PrometheusRuleRenderer.fileName(for: rule) == "default-b-c.yaml")
    }

    @Test("newer Prometheus versions keep query_offset and group labels")
    func versionGates() throws {
        let group = PrometheusRule.RuleGroup(name: "g", limit: 5, queryOffset: "1m", labels: ["team": "a"],
                                             rules: [.init(alert: "A", expr: .string("up == 0"), keepFiringFor: "5m")])
        let old = PrometheusRuleRenderer.yaml(for: [group], options: .init(prometheusVersion: PrometheusVersion(2, 30)))
        #expect(!old.contains("limit") && !old.contains("query_offset") && !old.contains("team"))
        #expect(!old.contains("keep_firing_for"))
        let new = PrometheusRuleRenderer.yaml(for: [group], options: .init(prometheusVersion: PrometheusVersion(3, 5)))
        #expect(new == """
            groups:
            - labels:
                team: a
              limit: 5
              name: g
              query_offset: 1m
              rules:
              - alert: A
                expr: up == 0
                keep_firing_for: 5m

            """)
    }

    @Test("promtool check rules accepts every rendered golden file", arguments: try RuleGoldenCase.all())
    func promtoolAccepts(_ golden: RuleGoldenCase) throws {
        guard SLOPromtoolTests.promtoolAvailable() else { return }
        let directory = try SLOPromtoolTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }   // cleanup only
        let file = try golden.render()
        let url = directory.appendingPathComponent(file.path)
        try file.contents.write(to: url, atomically: true, encoding: .utf8)
        let result = try SLOPromtoolTests.run(["check", "rules", url.path])
        #expect(result.status == 0, "\(result.output)")
    }
}

/// Just enough of a rule file to read it back.
private struct RuleFileGroups: Decodable {
    struct Group: Decodable {
        struct Rule: Decodable {
            var alert: String?
            var record: String?
            var expr: String
        }
        var rules: [Rule]
    }
    var groups: [Group]
}
