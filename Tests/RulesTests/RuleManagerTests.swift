import Foundation
import Logging
import PromQL
import Rules
import TSDB
import Testing
import VigilTestSupport

@Suite("Rule manager on a manual clock")
struct RuleManagerTests {
    static let base: Int64 = 1_700_000_000_000
    let clock = ManualClock()
    let storage = TimeSeriesStore()

    init() throws {
        var appender = storage.appender()
        for step in 0...200 {
            try appender.append(Labels(["__name__": "x", "job": "api"]), t: Self.base - 600_000 + Int64(step) * 15_000, v: 1)
        }
        appender.commit()
    }

    private func makeManager() -> RuleManager {
        let clock = clock
        let now: @Sendable () -> Int64 = {
            let (seconds, attoseconds) = clock.now.offset.components
            return Self.base + seconds * 1000 + attoseconds / 1_000_000_000_000_000
        }
        return RuleManager(storage: storage, clock: clock, now: now, logger: Logger(label: "vigil.rules.test"))
    }

    private let definition = RuleGroupDefinition(name: "kthena", file: "kthena.yaml", rules: [
        .record("job:x:sum", "sum by (job) (x)"),
        .alert("XHigh", "x > 0", for: 60_000, labels: ["severity": "page"], annotations: ["summary": "{{ $value }}"]),
    ])

    /// Yields until `condition` holds (the manager runs on other tasks; no sleeping).
    private func eventually(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<100_000 {
            if await condition() { return true }
            await Task.yield()
        }
        return false
    }

    private func latest(_ query: String, at t: Int64) throws -> [Sample] {
        guard case .vector(let samples) = try Engine().instantQuery(query, at: t, on: storage) else { return [] }
        return samples
    }

    @Test("evaluates on Prometheus's slots, holds ALERTS back for two iterations, counts missed iterations")
    func schedule() async throws {
        let manager = makeManager()
        try await manager.update(groups: [definition])
        let group = try RuleGroup(definition)
        let first = group.evaluationTimestamp(atOrBefore: Self.base) + 60_000
        try await withThrowingTaskGroup(of: Void.self) { (tasks: inout ThrowingTaskGroup<Void, any Error>) async throws in
            tasks.addTask { try await manager.run() }
            await clock.waitForSleepers(1)
            clock.advance(by: .milliseconds(first - Self.base))
            #expect(await eventually { await manager.snapshot().groups.first?.lastEvaluation == first })
            #expect(try latest("job:x:sum", at: first).map(\.value) == [1])
            #expect(try latest("ALERTS", at: first).isEmpty, "held back until the second iteration")

            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(60))
            #expect(await eventually { await manager.snapshot().groups.first?.lastEvaluation == first + 60_000 })
            let snapshot = await manager.snapshot()
            #expect(snapshot.alerts.map(\.state) == [.firing])
            #expect(snapshot.groups.first?.health == .ok)
            #expect(try latest("ALERTS", at: first + 60_000).isEmpty, "Prometheus restores `for` state after iteration 2")

            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(190))
            #expect(await eventually { await manager.snapshot().groups.first?.lastEvaluation == first + 240_000 })
            #expect(await manager.snapshot().groups.first?.missedIterations == 2)
            #expect(try latest("ALERTS", at: first + 240_000).map { $0.labels["alertstate"] } == ["firing"])
            tasks.cancelAll()
        }
    }

    @Test("an update keeps alert state of unchanged rules and drops removed groups")
    func update() async throws {
        let manager = makeManager()
        try await manager.update(groups: [definition])
        let group = try RuleGroup(definition)
        let first = group.evaluationTimestamp(atOrBefore: Self.base) + 60_000
        try await withThrowingTaskGroup(of: Void.self) { (tasks: inout ThrowingTaskGroup<Void, any Error>) async throws in
            tasks.addTask { try await manager.run() }
            await clock.waitForSleepers(1)
            clock.advance(by: .milliseconds(first - Self.base))
            #expect(await eventually { await manager.snapshot().alerts.count == 1 })
            var changed = definition
            changed.rules.append(.record("job:x:count", "count by (job) (x)"))
            try await manager.update(groups: [changed])
            let alerts = await manager.snapshot().alerts
            #expect(alerts.map(\.activeAt) == [first], "the pending alert survived the reload")
            #expect(try latest("job:x:sum", at: first).count == 1)
            clock.advance(by: .seconds(1))
            try await manager.update(groups: [])
            #expect(await manager.snapshot().groups.isEmpty)
            // The removed group's series end with a staleness marker at the update.
            #expect(try latest("job:x:sum", at: first + 1000).isEmpty)
            tasks.cancelAll()
        }
    }

    @Test("a group that does not compile leaves the running set unchanged")
    func badUpdate() async throws {
        let manager = makeManager()
        try await manager.update(groups: [definition])
        let bad = RuleGroupDefinition(name: "bad", file: "f", rules: [.record("r", "sum(")])
        await #expect(throws: RuleFileError.self) { try await manager.update(groups: [bad]) }
        #expect(await manager.snapshot().groups.map(\.name) == ["kthena"])
    }
}

@Suite("Rules API JSON")
struct RulesAPITests {
    @Test("the rules and alerts bodies use Prometheus's field names and formats")
    func json() throws {
        let storage = TimeSeriesStore()
        var appender = storage.appender()
        try appender.append(Labels(["__name__": "x", "job": "api"]), t: 0, v: 2)
        appender.commit()
        var group = try RuleGroup(RuleGroupDefinition(name: "g", file: "f.yaml", rules: [
            .record("r", "x"),
            .alert("A", "x > 1", labels: ["severity": "page"], annotations: ["summary": "{{ $value }}"]),
        ]))
        group.evaluate(at: 1_500, engine: Engine(), storage: storage, options: .init())
        let manager = RulesSnapshotProbe(group: group)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let rules = String(decoding: try encoder.encode(RulesAPI.rules(manager.snapshot)), as: UTF8.self)
        #expect(rules.contains(#""status":"success""#))
        #expect(rules.contains(#""type":"recording""#))
        #expect(rules.contains(#""type":"alerting""#))
        #expect(rules.contains(#""lastEvaluation":"1970-01-01T00:00:01.5Z""#))
        #expect(rules.contains(#""state":"firing""#))
        #expect(rules.contains(#""health":"ok""#))
        let alerts = String(decoding: try encoder.encode(RulesAPI.alerts(manager.snapshot)), as: UTF8.self)
        #expect(alerts == #"{"data":{"alerts":[{"activeAt":"1970-01-01T00:00:01.5Z","annotations":{"summary":"2"},"#
            + #""labels":{"alertname":"A","job":"api","severity":"page"},"state":"firing","value":"2e+00"}]},"#
            + #""status":"success"}"#)
        let onlyRecording = RulesAPI.rules(manager.snapshot, type: "record")
        #expect(onlyRecording.data.groups.first?.rules.map(\.type) == ["recording"])
    }
}

/// Builds a snapshot from one group without a manager.
private struct RulesSnapshotProbe {
    let snapshot: RulesSnapshot
    init(group: RuleGroup) { snapshot = RulesSnapshot(groups: [group]) }
}
