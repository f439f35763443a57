import Foundation
import Testing
@testable import Monitoring

@Suite("Dashboard building blocks")
struct DashboardBuildingBlocksTests {
    @Test("uids keep a readable name, fit in 40 characters and separate namespaces", arguments: [
        ("vigil", "sm", "monitoring", "kthena-metrics", "vigil-sm-kthena-metrics-"),
        ("vigil", "slo", "monitoring", "kthena-inference-availability", "vigil-slo-kthena-inference-"),
        ("Team_A Dashboards!", "sm", "x", "y", "team-a-dashboards-sm-y-"),
        ("", "sm", "x", "Name.With.Dots", "sm-name-with-dots-"),
        (String(repeating: "p", count: 60), "slo", "x", "y", String(repeating: "p", count: 27) + "-"),
    ])
    func uidShape(prefix: String, kind: String, namespace: String, name: String, start: String) {
        let uid = DashboardIdentity.uid(prefix: prefix, kind: kind, namespace: namespace, name: name)
        #expect(uid.hasPrefix(start), "\(uid)")
        #expect(uid.count <= 40)
        #expect(uid.range(of: "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", options: .regularExpression) != nil, "\(uid)")
        #expect(uid != DashboardIdentity.uid(prefix: prefix, kind: kind, namespace: namespace + "2", name: name))
    }

    @Test("the uid hash is FNV-1a 64 and the same in every process")
    func hashIsStable() {
        #expect(DashboardIdentity.hexHash("") == "cbf29ce484222325")
        #expect(DashboardIdentity.hexHash("a") == "af63dc4c8601ec8c")
    }

    @Test("refIds run A…Z, then AA, AB",
          arguments: [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")])
    func refIDs(index: Int, expected: String) {
        #expect(PrometheusTarget.refID(index) == expected)
    }

    @Test("label values are quoted and regex-escaped for PromQL")
    func quoting() {
        #expect(PromQLText.quoted(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(LabelFilter.oneOf("ns", ["a.b", "c"]).text == #"ns=~"a\\.b|c""#)
        #expect(LabelFilter.oneOf("ns", ["a.b"]).text == #"ns="a.b""#)
        #expect(PromQLText.histogramQuantile(0.99, buckets: "x_bucket", by: ["m"])
            == "histogram_quantile(0.99, sum by (m, le) (rate(x_bucket[$__rate_interval])))")
    }

    @Test("the layout wraps lines, starts each below the tallest panel and numbers panels from 1")
    func layout() {
        var layout = GridLayout()
        let panel = PanelFactory.stat("x", queries: [PanelQuery("1")], unit: "short",
                                      thresholds: Thresholds(base: "green"))
        layout.row("first")
        layout.line([panel, panel, panel], widths: [10, 10, 10], height: 4)
        layout.evenLine([panel, panel], perLine: 4, height: 3)
        let positions = layout.panels.map { [$0.id, $0.gridPos.x, $0.gridPos.y, $0.gridPos.w, $0.gridPos.h] }
        #expect(positions == [[1, 0, 0, 24, 1], [2, 0, 1, 10, 4], [3, 10, 1, 10, 4], [4, 0, 5, 10, 4],
                              [5, 0, 9, 12, 3], [6, 12, 9, 12, 3]])
    }

    @Test("thresholds start with a null base and ascend whatever order they were given in")
    func thresholdOrder() throws {
        let thresholds = Thresholds(base: "green", [(5, "red"), (1, "yellow"), (.nan, "blue")])
        #expect(thresholds.steps.map(\.value) == [nil, 1, 5])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let base = String(decoding: try encoder.encode(thresholds.steps[0]), as: UTF8.self)
        #expect(base == #"{"color":"green","value":null}"#)
    }
}
