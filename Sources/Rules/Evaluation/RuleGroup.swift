import PromQL
import TSDB

/// A rule group ready to evaluate: compiled rules plus their state (health, alerts, the
/// series each rule wrote last time for staleness markers).
///
/// ``evaluate(at:query:options:)`` is one iteration at a given timestamp, exactly what
/// Prometheus's `Group.Eval` does; ``RuleManager`` schedules iterations on its clock, the
/// unit-test runner calls it directly.
public struct RuleGroup: Sendable {
    /// A compiled rule and its state.
    enum Rule: Sendable {
        case recording(RecordingRule)
        case alerting(AlertingRule)
    }

    struct Slot: Sendable {
        var definition: RuleDefinition
        var rule: Rule
        var health = RuleHealth()
        /// Series this rule wrote at its latest successful evaluation.
        var previousSeries: Set<Labels> = []
    }

    /// What the group was built from.
    public let definition: RuleGroupDefinition
    /// Evaluation interval in milliseconds.
    public let interval: Milliseconds
    var slots: [Slot]
    /// Series of rules removed by a reload, marked stale at the next evaluation.
    var staleSeries: [Labels] = []
    /// When the latest iteration ran and how long it took.
    public internal(set) var lastEvaluation: Milliseconds?
    public internal(set) var evaluationDuration: Duration = .zero
    /// Iterations skipped because an evaluation overran its interval.
    public internal(set) var missedIterations = 0

    /// Compiles `definition`'s expressions. `restored` false holds back `ALERTS` series
    /// until ``markRestored()`` (Prometheus's behaviour after startup).
    public init(_ definition: RuleGroupDefinition, defaultInterval: Milliseconds = 60_000,
                restored: Bool = true) throws(RuleFileError) {
        self.definition = definition
        let interval = definition.interval ?? defaultInterval
        self.interval = interval > 0 ? interval : defaultInterval > 0 ? defaultInterval : 60_000
        var slots: [Slot] = []
        for (index, rule) in definition.rules.enumerated() {
            let expression: Expr
            do {
                expression = try Parser.parse(rule.expr)
            } catch {
                throw RuleFileError(file: definition.file, group: definition.name, ruleIndex: index,
                                    ruleName: rule.name, field: "expr", message: error.description)
            }
            switch rule.kind {
            case .recording(let record):
                slots.append(Slot(definition: rule, rule: .recording(RecordingRule(
                    name: record, expression: expression, labels: rule.labels))))
            case .alerting(let alert):
                slots.append(Slot(definition: rule, rule: .alerting(AlertingRule(
                    name: alert, expression: expression, holdDuration: rule.forDuration,
                    keepFiringFor: rule.keepFiringFor, labels: rule.labels, annotations: rule.annotations,
                    restored: restored))))
            }
        }
        self.slots = slots
    }

    /// Settings shared by every group of a manager or test.
    public struct Options: Sendable {
        /// `$externalLabels` in templates.
        public var externalLabels: Labels
        /// `$externalURL` in templates.
        public var externalURL: String

        public init(externalLabels: Labels = Labels(), externalURL: String = "") {
            self.externalLabels = externalLabels
            self.externalURL = externalURL
        }
    }

    /// `name;file`, Prometheus's group key.
    public var key: String { definition.file + ";" + definition.name }

    /// Runs every rule in order at `t`, appending recording results, `ALERTS` series and
    /// staleness markers to `storage`. Rule failures are recorded in each rule's health.
    public mutating func evaluate(at t: Milliseconds, engine: Engine, storage: TimeSeriesStore,
                                  options: Options, clock: any Clock<Duration> = ContinuousClock()) {
        let query = RuleQuery(engine: engine, storage: storage)
        evaluationDuration = clock.measure {
            for index in slots.indices {
                let elapsed = clock.measure {
                    evaluateRule(at: index, t: t, query: query, options: options, storage: storage)
                }
                slots[index].health.lastEvaluation = t
                slots[index].health.evaluationDuration = elapsed
            }
        }
        if !staleSeries.isEmpty {
            var appender = storage.appender()
            // A marker that is out of order (newer data already there) is not needed;
            // Prometheus drops those too.
            for series in staleSeries { _ = try? appender.append(series, t: t, v: StaleNaN) }
            appender.commit()
            staleSeries = []
        }
        lastEvaluation = t
    }

    private mutating func evaluateRule(at index: Int, t: Milliseconds, query: RuleQuery, options: Options,
                                       storage: TimeSeriesStore) {
        let samples: [Sample]
        do {
            switch slots[index].rule {
            case .recording(let rule):
                samples = try rule.evaluate(at: t, query: query, limit: definition.limit)
            case .alerting(var rule):
                defer { slots[index].rule = .alerting(rule) }
                samples = try rule.evaluate(at: t, query: query, limit: definition.limit,
                                            externalLabels: options.externalLabels, externalURL: options.externalURL)
            }
        } catch {
            slots[index].health.state = .err
            slots[index].health.lastError = error.message
            return
        }
        slots[index].health.state = .ok
        slots[index].health.lastError = nil
        var appender = storage.appender()
        var written: Set<Labels> = []
        for sample in samples {
            do {
                try appender.append(sample.labels, t: t, v: sample.value)
                written.insert(sample.labels)
            } catch {
                slots[index].health.state = .err
                slots[index].health.lastError = error.description
            }
        }
        // Series the rule no longer produces get a staleness marker, so queries stop
        // seeing them at once instead of after the lookback delta.
        for series in slots[index].previousSeries where !written.contains(series) {
            // Out of order means newer samples exist: no marker needed (as in Prometheus).
            _ = try? appender.append(series, t: t, v: StaleNaN)
        }
        appender.commit()
        slots[index].previousSeries = written
    }

    /// Lets alerting rules write `ALERTS` series (Prometheus does so once it restored
    /// `for` state after startup).
    public mutating func markRestored() {
        for index in slots.indices {
            if case .alerting(var rule) = slots[index].rule {
                rule.restored = true
                slots[index].rule = .alerting(rule)
            }
        }
    }

    /// Takes over state from the previous version of this group (same key) after a
    /// reload, as Prometheus's `CopyState`: rules matched by name and labels keep their
    /// health, alerts and series; series of rules that disappeared are marked stale.
    public mutating func adoptState(from old: RuleGroup) {
        lastEvaluation = old.lastEvaluation
        evaluationDuration = old.evaluationDuration
        var unmatched: [String: [Int]] = [:]
        for (index, slot) in old.slots.enumerated() { unmatched[Self.identity(slot.definition), default: []].append(index) }
        for index in slots.indices {
            let identity = Self.identity(slots[index].definition)
            guard let oldIndex = unmatched[identity]?.first else { continue }
            unmatched[identity]?.removeFirst()
            let oldSlot = old.slots[oldIndex]
            slots[index].previousSeries = oldSlot.previousSeries
            slots[index].health = oldSlot.health
            if case .alerting(var rule) = slots[index].rule, case .alerting(let oldRule) = oldSlot.rule {
                rule.tracker.adopt(oldRule.tracker)
                rule.restored = rule.restored || oldRule.restored
                slots[index].rule = .alerting(rule)
            }
        }
        staleSeries = old.staleSeries
        for indices in unmatched.values {
            for oldIndex in indices { staleSeries.append(contentsOf: old.slots[oldIndex].previousSeries) }
        }
    }

    /// Every series the group wrote last time, for staleness markers when it is removed.
    var allPreviousSeries: [Labels] { slots.flatMap(\.previousSeries) }

    private static func identity(_ rule: RuleDefinition) -> String {
        rule.name + "\u{ff}" + rule.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// Prometheus's `Group.EvalTimestamp`: the latest slot at or before `now` (milliseconds)
    /// on this group's grid, offset by a hash of its name and file so groups spread out.
    public func evaluationTimestamp(atOrBefore now: Milliseconds) -> Milliseconds {
        let hash = XXHash64.hash(labelPairs: [("file", definition.file), ("name", definition.name)])
        // Prometheus works in nanoseconds and samples keep milliseconds, so a slot's
        // timestamp is the whole-millisecond part of the offset past each interval.
        // (Intervals too long for nanoseconds in 64 bits fall back to milliseconds.)
        let (intervalNanos, overflow) = UInt64(interval).multipliedReportingOverflow(by: 1_000_000)
        let offset = overflow ? Int64(hash % UInt64(interval)) : Int64(hash % intervalNanos / 1_000_000)
        let adjusted = now - offset
        var base = adjusted - adjusted % interval
        if adjusted < 0, adjusted % interval != 0 { base -= interval }
        return base + offset
    }
}
