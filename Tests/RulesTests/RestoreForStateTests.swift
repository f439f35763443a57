import PromQL
@testable import Rules
import TSDB
import Testing

/// Prometheus's `for`-state restoration after a restart, from `ALERTS_FOR_STATE`.
@Suite("Restoring for state")
struct RestoreForStateTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var hold: Int64
        /// How long the alert had been pending when the old run stopped.
        var pendingBeforeDown: Int64
        var expectedActiveAt: @Sendable (_ downAt: Int64, _ restart: Int64, _ oldActiveAt: Int64) -> Int64
        var description: String { name }
    }

    static let minute: Int64 = 60_000

    @Test("pending alerts continue their countdown", arguments: [
        Case(name: "long remaining wait is shifted by the downtime", hold: 30 * minute, pendingBeforeDown: 5 * minute,
             expectedActiveAt: { downAt, restart, old in old + (restart - downAt) }),
        Case(name: "a short remaining wait gets the grace period", hold: 15 * minute, pendingBeforeDown: 10 * minute,
             expectedActiveAt: { _, restart, _ in restart + RuleGroup.forGracePeriod - 15 * minute }),
        Case(name: "an alert that was already firing keeps its activeAt", hold: 12 * minute, pendingBeforeDown: 20 * minute,
             expectedActiveAt: { _, _, old in old }),
    ])
    func restores(_ testCase: Case) throws {
        let start: Int64 = 1_700_000_000_000
        let oldActiveAt = start
        let downAt = start + testCase.pendingBeforeDown
        let restart = downAt + 10 * Self.minute
        let storage = TimeSeriesStore()
        var appender = storage.appender()
        let forState = Labels(["__name__": "ALERTS_FOR_STATE", "alertname": "A", "job": "api"])
        try appender.append(forState, t: downAt, v: Double(oldActiveAt / 1000))
        for t in stride(from: restart - 4 * Self.minute, through: restart + 2 * Self.minute, by: Int64.Stride(Self.minute)) {
            try appender.append(Labels(["__name__": "up", "job": "api"]), t: t, v: 0)
        }
        appender.commit()

        var group = try RuleGroup(RuleGroupDefinition(name: "g", rules: [.alert("A", "up == 0", for: testCase.hold)]),
                                  restored: false)
        group.evaluate(at: restart, engine: Engine(), storage: storage, options: .init())
        group.evaluate(at: restart + Self.minute, engine: Engine(), storage: storage, options: .init())
        group.restoreForState(at: restart + Self.minute, storage: storage)
        guard case .alerting(let rule) = group.slots[0].rule else { throw RuleEvaluationError("not alerting") }
        #expect(rule.restored)
        #expect(rule.tracker.activeAlerts.first?.activeAt
            == testCase.expectedActiveAt(downAt, restart + Self.minute, oldActiveAt))
    }

    @Test("rules with a `for` shorter than the grace period are not restored")
    func shortHold() throws {
        let storage = TimeSeriesStore()
        var appender = storage.appender()
        try appender.append(Labels(["__name__": "ALERTS_FOR_STATE", "alertname": "A"]), t: 0, v: 0)
        try appender.append(Labels(["__name__": "up"]), t: 60_000, v: 0)
        appender.commit()
        var group = try RuleGroup(RuleGroupDefinition(name: "g", rules: [.alert("A", "up == 0", for: 300_000)]),
                                  restored: false)
        group.evaluate(at: 60_000, engine: Engine(), storage: storage, options: .init())
        group.restoreForState(at: 60_000, storage: storage)
        guard case .alerting(let rule) = group.slots[0].rule else { throw RuleEvaluationError("not alerting") }
        #expect(rule.tracker.activeAlerts.first?.activeAt == 60_000)
        #expect(rule.restored)
    }
}
