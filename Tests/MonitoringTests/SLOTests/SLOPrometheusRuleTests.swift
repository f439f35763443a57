import Foundation
import Testing
import Yams
@testable import Monitoring

@Suite("PrometheusRule output")
struct SLOPrometheusRuleTests {
    static func ruleFile() throws -> SLORuleFile {
        let golden = SLOGoldenCase(name: "kthena-availability")
        let definitions = try SLOTestInputs.definitions(yaml: golden.read("input.yaml"), options: .vigil)
        return SLORuleGenerator.generate(definitions, options: .vigil)
    }

    @Test("the PrometheusRule carries the same groups and rules as the rule file")
    func sameRules() throws {
        let file = try Self.ruleFile()
        let text = file.prometheusRuleYAML(name: "kthena-inference-availability", namespace: "monitoring",
                                           labels: ["app": "kthena"])
        let object = try #require(try Yams.load(yaml: text) as? [String: Any])
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(object["kind"] as? String == "PrometheusRule")
        #expect(metadata["labels"] as? [String: String] == [
            "app": "kthena", "app.kubernetes.io/component": "SLO", "app.kubernetes.io/managed-by": "vigil",
        ])
        let groups = try #require((object["spec"] as? [String: Any])?["groups"] as? [[String: Any]])
        let plain = try #require(try Yams.load(yaml: file.yaml()) as? [String: Any])
        let plainGroups = try #require(plain["groups"] as? [[String: Any]])
        #expect(groups.map { $0["name"] as? String } == plainGroups.map { $0["name"] as? String })
        // Same content once key order is ignored: compare canonical JSON.
        let encode = { (value: Any) throws -> Data in
            try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
        }
        #expect(try encode(groups) == encode(plainGroups))
    }

    @Test("keys inside rules are alphabetical, as in Sloth's PrometheusRule output")
    func alphabeticalRuleKeys() throws {
        let text = try Self.ruleFile().prometheusRuleYAML(name: "x1", namespace: nil)
        let root = try #require(try Yams.compose(yaml: text))
        let firstAlert = try #require(root["spec"]?["groups"]?.sequence?.last?["rules"]?.sequence?.first)
        #expect(firstAlert.mapping?.keys.compactMap(\.string) == ["alert", "annotations", "expr", "labels"])
        #expect(root["metadata"]?["namespace"] == nil)
    }
}
