/// A batch of samples for a ``TimeSeriesStore``; nothing is visible until ``commit()``.
///
/// Series are created (and indexed) as soon as a sample is staged for new labels, as in
/// Prometheus' head; a rolled-back new series holds no samples, is never returned by
/// `select`, and is removed by the next retention pass. The batch keeps each staged
/// series' object, so a commit takes only per-series locks.
public struct HeadAppender: Appender, Sendable {
    private struct Staged: Sendable {
        let series: MemorySeries
        let t: Int64
        let v: Double
    }

    private let store: TimeSeriesStore
    private var staged: [Staged] = []

    init(store: TimeSeriesStore) {
        self.store = store
    }

    /// Number of samples staged and not yet committed.
    public var pendingCount: Int { staged.count }

    @discardableResult
    public mutating func append(_ labels: Labels, t: Int64, v: Double) throws(AppendError) -> SeriesRef {
        guard !labels.isEmpty else { throw .emptyLabelSet }
        try checkBounds(t)
        let series = store.getOrCreate(labels)
        try stage(series, t: t, v: v)
        return SeriesRef(rawValue: series.ref)
    }

    public mutating func append(ref: SeriesRef, t: Int64, v: Double) throws(AppendError) {
        try checkBounds(t)
        guard let series = store.series(forRef: ref.rawValue) else { throw .unknownSeriesRef(ref) }
        try stage(series, t: t, v: v)
    }

    @discardableResult
    public mutating func commit() -> CommitSummary {
        var summary = CommitSummary()
        for sample in staged {
            var outcome = sample.series.state.withLock { samples -> SampleOutcome? in
                samples.removed ? nil : samples.append(t: sample.t, v: sample.v)
            }
            if outcome == nil {
                // Collected by retention after staging: recreate it from its labels.
                let series = store.getOrCreate(sample.series.labels)
                outcome = series.state.withLock { $0.append(t: sample.t, v: sample.v) }
            }
            switch outcome {
            case .appended: summary.appended += 1
            case .duplicate: summary.duplicates += 1
            case .outOfOrder, .duplicateTimestamp, nil: summary.outOfOrder += 1
            }
        }
        if summary.outOfOrder > 0 { store.outOfOrderCount.add(summary.outOfOrder, ordering: .relaxed) }
        if summary.duplicates > 0 { store.duplicateCount.add(summary.duplicates, ordering: .relaxed) }
        staged.removeAll(keepingCapacity: true)
        return summary
    }

    public mutating func rollback() {
        staged.removeAll(keepingCapacity: true)
    }

    private func checkBounds(_ t: Int64) throws(AppendError) {
        let minValid = store.minValidTime.load(ordering: .relaxed)
        if t < minValid { throw .outOfBounds(timestamp: t, minValidTime: minValid) }
    }

    private mutating func stage(_ series: MemorySeries, t: Int64, v: Double) throws(AppendError) {
        switch series.state.withLock({ $0.check(t: t, v: v) }) {
        case .appended, .duplicate:
            staged.append(Staged(series: series, t: t, v: v))
        case .outOfOrder(let latest):
            store.outOfOrderCount.add(1, ordering: .relaxed)
            throw .outOfOrderSample(timestamp: t, latest: latest)
        case .duplicateTimestamp:
            store.outOfOrderCount.add(1, ordering: .relaxed)
            throw .duplicateSampleForTimestamp(timestamp: t)
        }
    }
}
