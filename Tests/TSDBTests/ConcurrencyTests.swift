import Testing
@testable import TSDB

@Suite("Concurrent use")
struct ConcurrencyTests {
    @Test("parallel scrapes and queries see whole, ordered series")
    func appendsWhileQuerying() async throws {
        let store = TimeSeriesStore(options: .init(retention: 1_000_000_000, stripeCount: 16))
        let targets = 8
        let seriesPerTarget = 50
        let scrapes = 100
        let matcher = try LabelMatcher(.regexMatch, "__name__", "m.*")
        await withTaskGroup(of: Void.self) { group in
            for target in 0..<targets {
                group.addTask {
                    for scrape in 0..<scrapes {
                        var appender = store.appender()
                        for index in 0..<seriesPerTarget {
                            let labels = Labels(["__name__": "m\(index % 5)", "target": "\(target)", "i": "\(index)"])
                            _ = try? appender.append(labels, t: Int64(scrape) * 15_000, v: Double(scrape))
                        }
                        // Every third scrape "exceeds its sample limit" and is rolled back.
                        if scrape % 3 == 2 { appender.rollback() } else { appender.commit() }
                    }
                }
            }
            group.addTask {
                var violations = 0
                for round in 0..<30 {
                    if round % 10 == 9 { store.applyRetention(now: Int64(round) * 15_000) }
                    for series in store.querier(mint: 0, maxt: .max).select([matcher]) {
                        // Within one series every scrape commits all or nothing, in order.
                        let points = series.points
                        if !zip(points, points.dropFirst()).allSatisfy({ $0.t < $1.t }) { violations += 1 }
                        if !points.allSatisfy({ Int($0.t / 15_000) % 3 != 2 }) { violations += 1 }
                    }
                    await Task.yield()
                }
                #expect(violations == 0)
            }
        }
        let selected = store.querier(mint: 0, maxt: .max).select([matcher])
        #expect(selected.count == targets * seriesPerTarget)
        let committedScrapes = (0..<scrapes).filter { $0 % 3 != 2 }.count
        for series in selected {
            #expect(series.points.count == committedScrapes)
        }
        let stats = store.stats()
        #expect(stats.sampleCount == targets * seriesPerTarget * committedScrapes)
        #expect(stats.outOfOrderCount == 0)
    }
}
