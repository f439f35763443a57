import Testing
@testable import TSDB

@Suite("Retention")
struct RetentionTests {
    private let minute: Int64 = 60_000

    @Test("drops old chunks, collects expired series and cleans their postings")
    func collectsExpiredSeries() throws {
        let store = TimeSeriesStore(options: .init(retention: 60 * minute))
        var appender = store.appender()
        // "old" stops at minute 10; "live" keeps going to minute 120, one sample a second.
        for second in 0..<(10 * 60) {
            try appender.append(Labels(["__name__": "old", "team": "a"]), t: Int64(second) * 1000, v: 1)
        }
        for second in 0..<(120 * 60) {
            try appender.append(Labels(["__name__": "live", "team": "b"]), t: Int64(second) * 1000, v: Double(second))
        }
        appender.commit()
        let before = store.stats()
        let result = store.applyRetention(now: 120 * minute)
        #expect(result.removedSeries == 1)
        let after = store.stats()
        #expect(after.seriesCount == 1)
        #expect(before.sampleCount - after.sampleCount == result.removedSamples)
        let querier = store.querier(mint: .min, maxt: .max)
        #expect(querier.labelValues("team", []) == ["b"])
        #expect(querier.labelValues("__name__", []) == ["live"])
        #expect(querier.select([try LabelMatcher(.equal, "team", "a")]).isEmpty)
        // Whole chunks go: at most one chunk (120 samples) older than the cutoff remains.
        let points = try #require(querier.select([try LabelMatcher(.equal, "team", "b")]).first).points
        let cutoff = 60 * minute
        #expect(points.filter { $0.t < cutoff }.count < XORChunk.targetSampleCount)
        #expect(points.last?.t == 120 * minute - 1000)
        #expect(points.count == after.sampleCount)
    }

    @Test("rejects samples older than the retention cutoff afterwards")
    func rejectsTooOld() throws {
        let store = TimeSeriesStore(options: .init(retention: minute))
        store.applyRetention(now: 10 * minute)
        var appender = store.appender()
        #expect(throws: AppendError.outOfBounds(timestamp: 0, minValidTime: 9 * minute)) {
            try appender.append(Labels(["__name__": "x"]), t: 0, v: 1)
        }
        try appender.append(Labels(["__name__": "x"]), t: 9 * minute, v: 1)
        #expect(appender.commit().appended == 1)
    }

    @Test("a commit recreates a series that retention collected after staging")
    func recreatesCollectedSeries() throws {
        let store = TimeSeriesStore(options: .init(retention: minute))
        var appender = store.appender()
        try appender.append(Labels(["__name__": "x"]), t: 5 * minute, v: 1)
        store.applyRetention(now: 5 * minute)  // the new series is still empty: collected
        #expect(appender.commit().appended == 1)
        #expect(store.querier(mint: 0, maxt: .max).select([try LabelMatcher(.equal, "__name__", "x")]).count == 1)
    }
}
