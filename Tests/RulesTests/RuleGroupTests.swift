import PromQL
@testable import Rules
import TSDB
import Testing

@Suite("Rule group evaluation")
struct RuleGroupTests {
    private func store(_ series: [(String, [Double])], step: Int64 = 60_000) throws -> TimeSeriesStore {
        let store = TimeSeriesStore()
        var appender = store.appender()
        for (text, values) in series {
            let labels = try SeriesDescription(parsing: text).labels
            for (index, value) in values.enumerated() { try appender.append(labels, t: Int64(index) * step, v: value) }
        }
        appender.commit()
        return store
    }

    private func latest(_ query: String, at t: Int64, in store: TimeSeriesStore) throws -> [Sample] {
        guard case .vector(let samples) = try Engine().instantQuery(query, at: t, on: store) else { return [] }
        return samples.sorted { $0.labels < $1.labels }
    }

    @Test("recording rules write their series with the rule's name and labels")
    func recording() throws {
        let storage = try store([(#"up{job="a",instance="1"}"#, [1, 1]), (#"up{job="a",instance="2"}"#, [0, 0])])
        var group = try RuleGroup(RuleGroupDefinition(name: "g", rules: [
            .record("job:up:sum", "sum by (job) (up)", labels: ["team": "x"]),
            .record("job:up:doubled", "job:up:sum * 2"),
        ]))
        group.evaluate(at: 60_000, engine: Engine(), storage: storage, options: .init())
        let sum = try latest("job:up:sum", at: 60_000, in: storage)
        #expect(sum.map(\.labels) == [Labels(["__name__": "job:up:sum", "job": "a", "team": "x"])])
        #expect(sum.map(\.value) == [1])
        #expect(try latest("job:up:doubled", at: 60_000, in: storage).map(\.value) == [2],
                "later rules see earlier rules' output of the same iteration")
        #expect(group.slots.map(\.health.state) == [.ok, .ok])
        #expect(group.lastEvaluation == 60_000)
    }

    @Test("a series a rule stops producing gets a staleness marker")
    func staleness() throws {
        let storage = try store([(#"x{k="a"}"#, [1, 1]), (#"x{k="b"}"#, [1, StaleNaN])])
        var group = try RuleGroup(RuleGroupDefinition(name: "g", rules: [.record("y", "x")]))
        group.evaluate(at: 0, engine: Engine(), storage: storage, options: .init())
        #expect(try latest("y", at: 0, in: storage).count == 2)
        group.evaluate(at: 60_000, engine: Engine(), storage: storage, options: .init())
        // Without the marker y{k="b"} from t=0 would stay visible for the 5m lookback.
        #expect(try latest("y", at: 90_000, in: storage).map { $0.labels["k"] } == ["a"])
    }

    @Test("duplicate label sets after applying labels and limits are rule errors")
    func errors() throws {
        let storage = try store([(#"x{k="a"}"#, [1]), (#"x{k="b"}"#, [2])])
        var group = try RuleGroup(RuleGroupDefinition(name: "g", limit: 1, rules: [
            .record("dup", "x", labels: ["k": "same"]),
            .record("over", "x"),
            .alert("TooMany", "x", labels: ["k": "same"]),
        ]))
        group.evaluate(at: 0, engine: Engine(), storage: storage, options: .init())
        #expect(group.slots.map(\.health.state) == [.err, .err, .err])
        #expect(group.slots.map(\.health.lastError) == [
            "vector contains metrics with the same labelset after applying rule labels",
            "exceeded limit of 1 with 2 series",
            "vector contains metrics with the same labelset after applying alert labels",
        ])
    }

    @Test("alerting rules write ALERTS and ALERTS_FOR_STATE with the alertname label")
    func alertSeries() throws {
        let storage = try store([(#"errors{model_id="m"}"#, [1, 1, 1, 1])])
        var group = try RuleGroup(RuleGroupDefinition(name: "g", rules: [
            .alert("Errors", "errors > 0", for: 60_000, labels: ["severity": "page"],
                   annotations: ["summary": "{{ $labels.model_id }} at {{ $value }}"]),
        ]))
        group.evaluate(at: 60_000, engine: Engine(), storage: storage, options: .init())
        let pending = try latest("ALERTS", at: 60_000, in: storage)
        #expect(pending.map(\.labels) == [Labels(["__name__": "ALERTS", "alertname": "Errors", "alertstate": "pending",
                                                  "model_id": "m", "severity": "page"])])
        group.evaluate(at: 120_000, engine: Engine(), storage: storage, options: .init())
        #expect(try latest("ALERTS", at: 120_000, in: storage).map { $0.labels["alertstate"] } == ["firing"])
        #expect(try latest("ALERTS_FOR_STATE", at: 120_000, in: storage).map(\.value) == [60])
        guard case .alerting(let rule) = group.slots[0].rule else { throw RuleEvaluationError("not alerting") }
        #expect(rule.tracker.activeAlerts.first?.annotations == ["summary": "m at 1"])
    }

    @Test("ALERTS series wait until the group is marked restored")
    func restoredGate() throws {
        let storage = try store([("x", [1, 1])])
        var group = try RuleGroup(RuleGroupDefinition(name: "g", rules: [.alert("A", "x")]), restored: false)
        group.evaluate(at: 0, engine: Engine(), storage: storage, options: .init())
        #expect(try latest("ALERTS", at: 0, in: storage).isEmpty)
        group.markRestored()
        group.evaluate(at: 60_000, engine: Engine(), storage: storage, options: .init())
        #expect(try latest("ALERTS", at: 60_000, in: storage).count == 1)
    }

    @Test("evaluation slots are offset by the xxHash of file and name, as in Prometheus")
    func evaluationTimestamp() throws {
        #expect(XXHash64.hash([]) == 0xef46_db37_51d8_e999)
        #expect(XXHash64.hash(Array("abc".utf8)) == 0x44bc_2cf5_ad77_0999)
        #expect(XXHash64.hash(Array("0123456789abcdef0123456789abcdef0123456789".utf8)) == 0xa761_90c3_acf0_8a1c)
        let group = try RuleGroup(RuleGroupDefinition(name: "kthena-inference", file: "rules.yaml", rules: []))
        #expect(group.evaluationTimestamp(atOrBefore: 1_700_000_000_123) == 1_699_999_965_894)
        let huge = try RuleGroup(RuleGroupDefinition(name: "g", interval: 100_000 * 365 * 86_400_000, rules: []))
        #expect(huge.evaluationTimestamp(atOrBefore: 1_700_000_000_000) <= 1_700_000_000_000)
    }

    @Test("reloading keeps the state of unchanged rules and marks removed rules' series stale")
    func adoptState() throws {
        let storage = try store([("x", [1, 1, 1])])
        var old = try RuleGroup(RuleGroupDefinition(name: "g", rules: [.alert("A", "x", for: 600_000), .record("r", "x")]))
        old.evaluate(at: 0, engine: Engine(), storage: storage, options: .init())
        var new = try RuleGroup(RuleGroupDefinition(name: "g", rules: [.alert("A", "x", for: 600_000)]))
        new.adoptState(from: old)
        new.evaluate(at: 60_000, engine: Engine(), storage: storage, options: .init())
        guard case .alerting(let rule) = new.slots[0].rule else { throw RuleEvaluationError("not alerting") }
        #expect(rule.tracker.activeAlerts.first?.activeAt == 0, "pending since the old group's evaluation")
        #expect(try latest("r", at: 60_000, in: storage).isEmpty, "the removed rule's series is stale")
    }
}
