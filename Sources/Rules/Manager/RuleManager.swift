import Logging
import PromQL
import TSDB

/// Runs rule groups on a clock against a ``TimeSeriesStore`` (Prometheus's rule manager).
///
/// ```swift
/// let manager = RuleManager(storage: store, clock: ContinuousClock(), now: { wallClockMilliseconds() },
///                           logger: logger)
/// try await manager.update(groups: definitions)
/// try await manager.run()            // until the surrounding task is cancelled
/// ```
///
/// Each group is evaluated at its interval on a grid offset by a hash of its file and
/// name (as Prometheus does, so restarts keep the same slots); iterations that overran
/// are counted as missed. ``update(groups:)`` swaps in new definitions at any time:
/// unchanged groups keep running untouched, changed ones keep their alert state rule by
/// rule, removed ones get staleness markers for their series. Evaluation runs on the
/// actor, so snapshots wait for an iteration in progress.
///
/// After the first ``update(groups:)`` alerting rules write no `ALERTS` series in their
/// group's first two iterations, as Prometheus does before it restores `for` state. Vigil
/// does not restore `for` state from `ALERTS_FOR_STATE` (its store starts empty).
public actor RuleManager {
    /// Settings for every group.
    public struct Options: Sendable {
        /// Interval of groups that do not set one (Prometheus's `evaluation_interval`).
        public var defaultInterval: Milliseconds
        /// `$externalLabels` in templates.
        public var externalLabels: Labels
        /// `$externalURL` and `externalURL` in templates.
        public var externalURL: String

        public init(defaultInterval: Milliseconds = 60_000, externalLabels: Labels = Labels(), externalURL: String = "") {
            self.defaultInterval = defaultInterval
            self.externalLabels = externalLabels
            self.externalURL = externalURL
        }
    }

    struct Entry {
        var group: RuleGroup
        /// Iterations run since this group (version) was loaded.
        var iterations = 0
        var needsRestore: Bool
        /// Changes whenever the entry is replaced, so a loop of an old version stops.
        var generation: Int
    }

    private let storage: TimeSeriesStore
    private let engine: Engine
    private let options: Options
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Milliseconds
    private let logger: Logger
    private var entries: [String: Entry] = [:]
    /// Keys in the order of the latest update, for stable snapshots.
    private var order: [String] = []
    private var generation = 0
    private var loaded = false
    private let updates = UpdateSignal()

    /// `now` gives wall-clock milliseconds for evaluation timestamps; `clock` is what the
    /// manager sleeps on (inject `ManualClock` and a matching `now` in tests).
    public init(storage: TimeSeriesStore, engine: Engine = Engine(), options: Options = Options(),
                clock: any Clock<Duration>, now: @escaping @Sendable () -> Milliseconds, logger: Logger) {
        self.storage = storage
        self.engine = engine
        self.options = options
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    /// Replaces the rule groups. Nothing changes if any group fails to compile.
    public func update(groups definitions: [RuleGroupDefinition]) throws(RuleFileError) {
        var compiled: [(String, RuleGroup)] = []
        var seen: Set<String> = []
        for definition in definitions {
            let group = try RuleGroup(definition, defaultInterval: options.defaultInterval, restored: loaded)
            guard seen.insert(group.key).inserted else {
                throw RuleFileError(file: definition.file, group: definition.name, message: "repeated in the same file")
            }
            compiled.append((group.key, group))
        }
        var next: [String: Entry] = [:]
        for (key, var group) in compiled {
            if let old = entries[key] {
                if old.group.definition == group.definition && old.group.interval == group.interval {
                    next[key] = old
                    continue
                }
                group.adoptState(from: old.group)
            }
            generation += 1
            next[key] = Entry(group: group, needsRestore: !loaded, generation: generation)
        }
        // Removed groups: mark everything they wrote stale now.
        let removed = entries.filter { next[$0.key] == nil }
        if !removed.isEmpty {
            let t = now()
            var appender = storage.appender()
            for (_, entry) in removed {
                for series in entry.group.allPreviousSeries + entry.group.staleSeries {
                    // Out of order means newer samples exist; the marker is not needed.
                    _ = try? appender.append(series, t: t, v: StaleNaN)
                }
            }
            appender.commit()
        }
        entries = next
        order = compiled.map(\.0)
        loaded = true
        logger.info("rule groups updated", metadata: ["vigil.rules.groups": "\(order.count)"])
        updates.signal()
    }

    /// Evaluates every group at its interval until the calling task is cancelled.
    public func run() async throws {
        while !Task.isCancelled {
            let running = entries.map { ($0.key, $0.value.generation) }
            await withTaskGroup(of: Void.self) { tasks in
                for (key, generation) in running {
                    tasks.addTask {
                        // A loop ends by cancellation (or its group being replaced); nothing to report.
                        try? await self.runGroup(key: key, generation: generation)
                    }
                }
                // Wait for the next update (or cancellation), then restart the loops with
                // the new set of groups.
                await updates.wait()
                tasks.cancelAll()
            }
        }
        throw CancellationError()
    }

    private func runGroup(key: String, generation: Int) async throws {
        guard let entry = entries[key] else { return }
        let interval = entry.group.interval
        var timestamp = entry.group.evaluationTimestamp(atOrBefore: now()) + interval
        try await sleep(until: timestamp)
        while !Task.isCancelled {
            guard entries[key]?.generation == generation else { return }
            evaluate(key: key, at: timestamp)
            try await sleep(until: timestamp + interval)
            let late = now() - timestamp
            let missed = max(late / interval - 1, 0)
            if missed > 0 {
                entries[key]?.group.missedIterations += Int(missed)
                logger.warning("rule group missed iterations", metadata: [
                    "vigil.rules.group": "\(key)", "vigil.rules.missed": "\(missed)"])
            }
            timestamp += (missed + 1) * interval
        }
    }

    private func sleep(until timestamp: Milliseconds) async throws {
        let wait = timestamp - now()
        if wait > 0 { try await clock.sleep(for: .milliseconds(wait)) }
    }

    /// One iteration of the group `key` at `timestamp`.
    func evaluate(key: String, at timestamp: Milliseconds) {
        guard var entry = entries[key] else { return }
        entry.group.evaluate(at: timestamp, engine: engine, storage: storage,
                             options: RuleGroup.Options(externalLabels: options.externalLabels,
                                                        externalURL: options.externalURL),
                             clock: clock)
        entry.iterations += 1
        // Prometheus restores `for` state after the second iteration following startup.
        if entry.needsRestore, entry.iterations >= 2 {
            entry.group.restoreForState(at: now(), storage: storage)
            entry.needsRestore = false
        }
        for slot in entry.group.slots where slot.health.state == .err {
            logger.warning("rule evaluation failed", metadata: [
                "vigil.rules.group": "\(key)", "vigil.rules.rule": "\(slot.definition.name)",
                "vigil.rules.error": "\(slot.health.lastError ?? "")"])
        }
        entries[key] = entry
    }

    /// The groups' current state, in the order of the latest update.
    public func snapshot() -> RulesSnapshot {
        RulesSnapshot(groups: order.compactMap { entries[$0]?.group })
    }
}
