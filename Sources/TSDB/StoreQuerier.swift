/// Reads a ``TimeSeriesStore`` over a fixed time range.
///
/// Each call sees the store as it is at that call; there is no snapshot across calls.
/// Label names and values come from the index and ignore the time range (as the
/// Prometheus head does), so they may include series with no samples in range.
public struct StoreQuerier: Querier {
    private let store: TimeSeriesStore
    /// Inclusive range start, milliseconds.
    public let mint: Int64
    /// Inclusive range end, milliseconds.
    public let maxt: Int64

    init(store: TimeSeriesStore, mint: Int64, maxt: Int64) {
        self.store = store
        self.mint = mint
        self.maxt = maxt
    }

    public func select(_ matchers: [LabelMatcher]) -> [Series] {
        let refs = store.index.withLock { $0.refs(matching: matchers) }
        var result: [Series] = []
        result.reserveCapacity(refs.count)
        for series in store.series(forRefs: refs) {
            let chunks = series.state.withLock { $0.chunks(overlapping: mint, maxt) }
            guard !chunks.isEmpty else { continue }
            result.append(Series(labels: series.labels, chunks: chunks, mint: mint, maxt: maxt))
        }
        // Chunks may overlap the range while no sample falls inside it.
        result.removeAll { series in
            var iterator = series.makeIterator()
            return iterator.next() == nil
        }
        result.sort { $0.labels < $1.labels }
        return result
    }

    public func labelNames(_ matchers: [LabelMatcher]) -> [String] {
        if matchers.isEmpty { return store.index.withLock { $0.labelNames } }
        var names = Set<String>()
        for series in store.series(forRefs: matchingRefs(matchers)) {
            for pair in series.labels.pairs { names.insert(pair.name) }
        }
        return names.sorted()
    }

    public func labelValues(_ name: String, _ matchers: [LabelMatcher]) -> [String] {
        if matchers.isEmpty { return store.index.withLock { $0.labelValues(name) } }
        var values = Set<String>()
        for series in store.series(forRefs: matchingRefs(matchers)) {
            if let value = series.labels[name] { values.insert(value) }
        }
        return values.sorted()
    }

    private func matchingRefs(_ matchers: [LabelMatcher]) -> [UInt64] {
        store.index.withLock { $0.refs(matching: matchers) }
    }
}

extension TimeSeriesStore {
    /// The live series among `refs`, taking each stripe lock once.
    func series(forRefs refs: [UInt64]) -> [MemorySeries] {
        var found: [MemorySeries] = []
        found.reserveCapacity(refs.count)
        guard !refs.isEmpty else { return found }
        let mask = stripeMask
        let ordered = refs.sorted { ($0 & mask, $0) < ($1 & mask, $1) }
        var start = 0
        while start < ordered.count {
            let stripeIndex = ordered[start] & mask
            var end = start
            while end < ordered.count, ordered[end] & mask == stripeIndex { end += 1 }
            let group = ordered[start..<end]
            stripes[Int(stripeIndex)].lock.withLock { stripe in
                for ref in group {
                    if let series = stripe.series[ref] { found.append(series) }
                }
            }
            start = end
        }
        return found
    }
}
