import TSDB

/// Vector and range selectors: `offset`, `@`, lookback and staleness.
extension Evaluator {
    /// The time a selector or subquery looks at: its `@` time (or `t`) minus its offset.
    func referenceTime(at: AtModifier?, offset: Milliseconds, evaluationTime t: Milliseconds) -> Milliseconds {
        let base: Milliseconds
        switch at {
        case .none: base = t
        case .timestamp(let pinned): base = pinned
        case .start: base = queryStart
        case .end: base = queryEnd
        }
        return base &- offset
    }

    /// Identifies a selector by its matchers, ignoring their order.
    static func selectorKey(_ selector: VectorSelector) -> String {
        selector.allMatchers.map(\.description).sorted().joined(separator: ",")
    }

    /// Every stored series the selector matches, with its points in the range the query
    /// can read through this selector (loaded once per query).
    func series(for selector: VectorSelector) throws(EvaluationError) -> [RangeSeries] {
        let key = Self.selectorKey(selector)
        if let cached = loadedSeries[key] { return cached }
        var matchers: [TSDB.LabelMatcher] = []
        for matcher in selector.allMatchers {
            do {
                matchers.append(try matcher.storageMatcher())
            } catch {
                throw .execution(error.description)
            }
        }
        // A selector the bounds do not know (never expected) reads everything.
        let bounds = timeBounds.bounds[key] ?? (Milliseconds.min, Milliseconds.max)
        let found = makeQuerier(bounds.mint, bounds.maxt).select(matchers).map { RangeSeries(labels: $0.labels, points: $0.points) }
        loadedSeries[key] = found
        return found
    }

    /// The newest sample of each series in `[r - lookbackDelta, r]`; a stale marker there
    /// means the series is absent.
    func selectVector(_ selector: VectorSelector, at t: Milliseconds) throws(EvaluationError)
        -> [(labels: Labels, point: Point)] {
        let reference = referenceTime(at: selector.at, offset: selector.offset, evaluationTime: t)
        let oldest = reference &- lookbackDelta
        var result: [(labels: Labels, point: Point)] = []
        for (index, series) in try series(for: selector).enumerated() {
            try checkLimits(every: index)
            let end = Self.firstIndex(in: series.points, after: reference)
            guard end > 0 else { continue }
            let point = series.points[end - 1]
            guard point.t >= oldest, !isStaleNaN(point.v) else { continue }
            result.append((series.labels, point))
        }
        try checkSampleCount(result.count)
        return result
    }

    /// The samples of each series in `[r - range, r]`, stale markers dropped; series
    /// without samples there are left out.
    func selectRange(_ selector: MatrixSelector, at t: Milliseconds) throws(EvaluationError) -> [RangeSeries] {
        try selectWindows(selector, at: t).map { RangeSeries(labels: $0.labels, points: Array($0.points)) }
    }

    /// One series' samples inside a range selector's window.
    struct Window {
        var labels: Labels
        var labelsWithoutName: Labels
        var points: ArraySlice<Point>
    }

    /// ``selectRange(_:at:)`` as slices of the loaded series (copied only when a stale
    /// marker has to be dropped), for range functions that just read them.
    func selectWindows(_ selector: MatrixSelector, at t: Milliseconds) throws(EvaluationError) -> [Window] {
        let reference = referenceTime(at: selector.selector.at, offset: selector.selector.offset,
                                      evaluationTime: t)
        let oldest = reference &- selector.range
        var result: [Window] = []
        var total = 0
        let loaded = try series(for: selector.selector)
        let key = Self.selectorKey(selector.selector)
        let withoutName = loadedSeriesWithoutName[key] ?? loaded.map(\.labels.droppingMetricName)
        loadedSeriesWithoutName[key] = withoutName
        for (index, series) in loaded.enumerated() {
            try checkLimits(every: index)
            let start = Self.firstIndex(in: series.points, notBefore: oldest)
            let end = Self.firstIndex(in: series.points, after: reference)
            guard start < end else { continue }
            var points = series.points[start..<end]
            if points.contains(where: { isStaleNaN($0.v) }) {
                points = ArraySlice(points.filter { !isStaleNaN($0.v) })
            }
            guard !points.isEmpty else { continue }
            total += points.count
            result.append(Window(labels: series.labels, labelsWithoutName: withoutName[index], points: points))
        }
        try checkSampleCount(total)
        return result
    }

    /// Index of the first point with `t > time` (binary search over sorted points).
    static func firstIndex(in points: [Point], after time: Milliseconds) -> Int {
        var low = 0
        var high = points.count
        while low < high {
            let mid = (low + high) / 2
            if points[mid].t <= time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Index of the first point with `t >= time`.
    static func firstIndex(in points: [Point], notBefore time: Milliseconds) -> Int {
        var low = 0
        var high = points.count
        while low < high {
            let mid = (low + high) / 2
            if points[mid].t < time { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
