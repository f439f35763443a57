import Testing
@testable import TSDB

private let up = Labels(["__name__": "up", "job": "api"])
private let everything = [try! LabelMatcher(.regexMatch, "__name__", ".+")]

@Suite("Appender and querier")
struct AppenderTests {
    @Test("committed samples are visible, staged ones are not")
    func commitMakesVisible() throws {
        let store = TimeSeriesStore()
        var appender = store.appender()
        let ref = try appender.append(up, t: 1000, v: 1)
        try appender.append(ref: ref, t: 2000, v: 2)
        #expect(store.querier(mint: 0, maxt: 5000).select(everything).isEmpty)
        let summary = appender.commit()
        #expect(summary == CommitSummary(appended: 2))
        let selected = store.querier(mint: 0, maxt: 5000).select(everything)
        #expect(selected.map(\.labels) == [up])
        #expect(selected.first?.points == [Point(t: 1000, v: 1), Point(t: 2000, v: 2)])
    }

    @Test("rollback discards the whole batch")
    func rollbackDiscards() throws {
        let store = TimeSeriesStore()
        var appender = store.appender()
        for index in 0..<10 {
            try appender.append(Labels(["__name__": "m", "i": "\(index)"]), t: 1000, v: Double(index))
        }
        appender.rollback()
        #expect(appender.commit() == CommitSummary())
        #expect(store.querier(mint: .min, maxt: .max).select(everything).isEmpty)
        #expect(store.stats().sampleCount == 0)
        // The empty series are collected by the next retention pass.
        #expect(store.truncate(before: 0).removedSeries == 10)
        #expect(store.querier(mint: .min, maxt: .max).labelNames([]).isEmpty)
    }

    @Test("rejects out-of-order samples and conflicting duplicates, ignores exact duplicates")
    func outOfOrder() throws {
        let store = TimeSeriesStore()
        var appender = store.appender()
        try appender.append(up, t: 2000, v: 1)
        appender.commit()
        #expect(throws: AppendError.outOfOrderSample(timestamp: 1000, latest: 2000)) {
            try appender.append(up, t: 1000, v: 1)
        }
        #expect(throws: AppendError.duplicateSampleForTimestamp(timestamp: 2000)) {
            try appender.append(up, t: 2000, v: 5)
        }
        try appender.append(up, t: 2000, v: 1)
        #expect(appender.commit() == CommitSummary(duplicates: 1))
        let stats = store.stats()
        #expect(stats.outOfOrderCount == 2)
        #expect(stats.duplicateCount == 1)
        #expect(stats.sampleCount == 1)
    }

    @Test("drops at commit what another appender made out of order meanwhile")
    func outOfOrderAtCommit() throws {
        let store = TimeSeriesStore()
        var slow = store.appender()
        var fast = store.appender()
        try slow.append(up, t: 1000, v: 1)
        try fast.append(up, t: 2000, v: 2)
        fast.commit()
        #expect(slow.commit() == CommitSummary(outOfOrder: 1))
        #expect(store.stats().outOfOrderCount == 1)
    }

    @Test("keeps the stale marker bit-exact through the store")
    func staleMarker() throws {
        let store = TimeSeriesStore()
        var appender = store.appender()
        try appender.append(up, t: 1, v: 1)
        try appender.append(up, t: 2, v: StaleNaN)
        try appender.append(up, t: 3, v: .nan)
        appender.commit()
        let values = store.querier(mint: 0, maxt: 10).select(everything).first?.points.map(\.v) ?? []
        #expect(values.count == 3)
        #expect(values.map { isStaleNaN($0) } == [false, true, false])
    }

    @Test("rejects empty label sets and unknown refs")
    func invalidAppends() {
        var appender = TimeSeriesStore().appender()
        #expect(throws: AppendError.emptyLabelSet) { try appender.append(Labels(["a": ""]), t: 1, v: 1) }
        #expect(throws: AppendError.unknownSeriesRef(SeriesRef(rawValue: 12345))) {
            try appender.append(ref: SeriesRef(rawValue: 12345), t: 1, v: 1)
        }
    }

    @Test("selects only samples in range and across many chunks, with seek")
    func rangeAndSeek() throws {
        let store = TimeSeriesStore()
        var appender = store.appender()
        for index in 0..<1000 { try appender.append(up, t: Int64(index) * 10, v: Double(index)) }
        appender.commit()
        #expect(store.stats().chunkCount == 9)
        let series = try #require(store.querier(mint: 2005, maxt: 5000).select(everything).first)
        #expect(series.points.first == Point(t: 2010, v: 201))
        #expect(series.points.last == Point(t: 5000, v: 500))
        #expect(series.points.count == 300)
        var iterator = series.makeIterator()
        #expect(iterator.seek(to: 4321) == Point(t: 4330, v: 433))
        #expect(iterator.seek(to: 10) == Point(t: 4330, v: 433))  // never moves back
        #expect(iterator.next() == Point(t: 4340, v: 434))
        #expect(iterator.seek(to: 9999) == nil)
        #expect(store.querier(mint: 20_000, maxt: 30_000).select(everything).isEmpty)
    }

    @Test("plain-point series iterate and seek like stored ones")
    func pointSeries() {
        let series = Series(labels: up, points: [Point(t: 1, v: 1), Point(t: 5, v: 2), Point(t: 9, v: 3)])
        var iterator = series.makeIterator()
        #expect(iterator.seek(to: 4) == Point(t: 5, v: 2))
        #expect(iterator.next() == Point(t: 9, v: 3))
        #expect(iterator.next() == nil)
    }

    @Test("results are sorted by labels")
    func sortedResults() throws {
        let store = TimeSeriesStore(options: .init(stripeCount: 4))
        var appender = store.appender()
        let names = (0..<50).map { "s\(($0 * 37) % 50)" }
        for name in names { try appender.append(Labels(["__name__": name]), t: 1, v: 1) }
        appender.commit()
        let selected = store.querier(mint: 0, maxt: 1).select(everything).map(\.labels)
        #expect(selected == selected.sorted())
        #expect(selected.count == 50)
    }
}
