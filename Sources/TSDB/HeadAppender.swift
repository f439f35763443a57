/// A batch of samples for a ``TimeSeriesStore``; nothing is visible until ``commit()``.
///
/// Series are created (and indexed) as soon as a sample is staged for new labels, as in
/// Prometheus' head; a rolled-back new series holds no samples, is never returned by
/// `select`, and is removed by the next retention pass.
public struct HeadAppender: Appender, Sendable {
    private struct Staged: Sendable {
        let ref: UInt64
        let t: Int64
        let v: Double
    }

    private let store: TimeSeriesStore
    private var staged: [Staged] = []
    /// Labels of the series this batch addressed by labels, so a commit can recreate a
    /// series that retention collected in between.
    private var labelsByRef: [UInt64: Labels] = [:]

    init(store: TimeSeriesStore) {
        self.store = store
    }

    /// Number of samples staged and not yet committed.
    public var pendingCount: Int { staged.count }

    @discardableResult
    public mutating func append(_ labels: Labels, t: Int64, v: Double) throws(AppendError) -> SeriesRef {
        guard !labels.isEmpty else { throw .emptyLabelSet }
        try checkBounds(t)
        let ref = store.getOrCreate(labels)
        labelsByRef[ref] = labels
        try stage(ref: ref, t: t, v: v)
        return SeriesRef(rawValue: ref)
    }

    public mutating func append(ref: SeriesRef, t: Int64, v: Double) throws(AppendError) {
        try checkBounds(t)
        try stage(ref: ref.rawValue, t: t, v: v)
    }

    @discardableResult
    public mutating func commit() -> CommitSummary {
        var summary = CommitSummary()
        for sample in staged {
            var outcome = store.commitSample(ref: sample.ref, t: sample.t, v: sample.v)
            if outcome == nil, let labels = labelsByRef[sample.ref] {
                // Collected by retention after staging: recreate it from its labels.
                let ref = store.getOrCreate(labels)
                outcome = store.commitSample(ref: ref, t: sample.t, v: sample.v)
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
        labelsByRef.removeAll(keepingCapacity: true)
        return summary
    }

    public mutating func rollback() {
        staged.removeAll(keepingCapacity: true)
        labelsByRef.removeAll(keepingCapacity: true)
    }

    private func checkBounds(_ t: Int64) throws(AppendError) {
        let minValid = store.minValidTime.load(ordering: .relaxed)
        if t < minValid { throw .outOfBounds(timestamp: t, minValidTime: minValid) }
    }

    private mutating func stage(ref: UInt64, t: Int64, v: Double) throws(AppendError) {
        guard let outcome = store.checkSample(ref: ref, t: t, v: v) else {
            throw .unknownSeriesRef(SeriesRef(rawValue: ref))
        }
        switch outcome {
        case .appended, .duplicate:
            staged.append(Staged(ref: ref, t: t, v: v))
        case .outOfOrder(let latest):
            store.outOfOrderCount.add(1, ordering: .relaxed)
            throw .outOfOrderSample(timestamp: t, latest: latest)
        case .duplicateTimestamp:
            store.outOfOrderCount.add(1, ordering: .relaxed)
            throw .duplicateSampleForTimestamp(timestamp: t)
        }
    }
}

extension TimeSeriesStore {
    /// Whether `ref` would accept the sample now; nil when the series does not exist.
    func checkSample(ref: UInt64, t: Int64, v: Double) -> SampleOutcome? {
        stripe(forRef: ref).lock.withLock { $0.series[ref]?.check(t: t, v: v) }
    }

    /// Appends to `ref`; nil when the series does not exist.
    func commitSample(ref: UInt64, t: Int64, v: Double) -> SampleOutcome? {
        stripe(forRef: ref).lock.withLock { stripe -> SampleOutcome? in
            guard stripe.series[ref] != nil else { return nil }
            return stripe.series[ref]?.append(t: t, v: v)
        }
    }
}
