import TSDB
import Testing
import VigilTestSupport
@testable import Scrape

@Suite("Scrape pool")
struct ScrapePoolTests {
    private static let options = ScrapeOptions(jobName: "pool", interval: .seconds(10), timeout: .seconds(5))

    private func makePool(clock: ManualClock, client: FakeScrapeClient, store: TimeSeriesStore)
        -> ScrapePool<TimeSeriesStore, ManualClock> {
        ScrapePool(options: Self.options, client: client, storage: store, clock: clock, now: wallClock(clock),
                   logger: .init(label: "test"))
    }

    private func scrapeCounts(_ pool: ScrapePool<TimeSeriesStore, ManualClock>) -> [Int] {
        pool.targetHealth().map(\.scrapeCount)
    }

    @Test("targets start on sync; a vanished target's series and up get staleness markers")
    func vanishingTarget() async throws {
        let clock = ManualClock()
        let store = TimeSeriesStore()
        let client = FakeScrapeClient(clock: clock, reply: .body("m 1\n"))
        let pool = makePool(clock: clock, client: client, store: store)
        let a = TSDB.Labels(["__address__": "a:1"])
        let b = TSDB.Labels(["__address__": "b:1"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await pool.run() }
            pool.sync([a, b])
            #expect(pool.targetHealth().map(\.state) == [.unknown, .unknown])
            await clock.waitForSleepers(2)
            clock.advance(by: .seconds(10))   // both first scrapes fall within one interval
            await eventually("both targets scraped") { scrapeCounts(pool) == [1, 1] }
            #expect(pool.targetHealth().map(\.state) == [.up, .up])
            #expect(series(store, "up").count == 2)

            pool.sync([a])
            #expect(pool.targetHealth().map(\.target.address) == ["a:1"])
            // b's loop waits for its next tick, then one more interval and a tenth; a goes on.
            let bIsStale = { points(store, "m", where: "instance", is: "b:1").last.map { isStaleNaN($0.v) } == true }
            for _ in 0..<4 where !bIsStale() {
                await clock.waitForSleepers(1)
                clock.advance(by: .seconds(10))
                for _ in 0..<1_000 { await Task.yield() }
            }
            await eventually("b's staleness markers are written", bIsStale)
            let upB = points(store, "up", where: "instance", is: "b:1")
            #expect(upB.last.map { isStaleNaN($0.v) } == true)
            for name in ReportLabels.names {
                #expect(points(store, name, where: "instance", is: "b:1").last.map { isStaleNaN($0.v) } == true)
            }
            // a keeps being scraped and never goes stale.
            #expect(points(store, "up", where: "instance", is: "a:1").allSatisfy { $0.v == 1 })
            group.cancelAll()
        }
    }

    @Test("cancelling the pool stops every loop without staleness markers")
    func shutdownWritesNoMarkers() async throws {
        let clock = ManualClock()
        let store = TimeSeriesStore()
        let client = FakeScrapeClient(clock: clock, reply: .body("m 1\n"))
        let pool = makePool(clock: clock, client: client, store: store)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await pool.run() }
            pool.sync([TSDB.Labels(["__address__": "a:1"])])
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(10))
            await eventually("the target scraped") { scrapeCounts(pool) == [1] }
            group.cancelAll()
        }
        clock.advance(by: .seconds(60))
        #expect(points(store, "m").allSatisfy { !isStaleNaN($0.v) })
        #expect(points(store, "up").count == 1)
    }

    @Test("sync relabels targets, skips invalid ones and counts dropped ones")
    func syncRelabels() throws {
        var options = Self.options
        options.relabelConfigs = [try RelabelConfig(action: .drop, sourceLabels: ["env"], regex: "dev")]
        let clock = ManualClock()
        let pool = ScrapePool(options: options, client: FakeScrapeClient(clock: clock, reply: .hang),
                              storage: TimeSeriesStore(), clock: clock, now: wallClock(clock), logger: .init(label: "test"))
        pool.sync([
            TSDB.Labels(["__address__": "a:1", "env": "prod"]),
            TSDB.Labels(["__address__": "b:1", "env": "dev"]),
            TSDB.Labels(["env": "prod"]),
        ])
        #expect(pool.targetHealth().map(\.target.address) == ["a:1"])
        #expect(pool.droppedTargetCount() == 1)
        #expect(pool.targetErrors() == [TargetError("no address")])
    }

    @Test("over target_limit every target fails without a request; back under it they are scraped again")
    func targetLimit() async throws {
        var options = Self.options
        options.targetLimit = 1
        let clock = ManualClock()
        let store = TimeSeriesStore()
        let client = FakeScrapeClient(clock: clock, reply: .body("m 1\n"))
        let pool = ScrapePool(options: options, client: client, storage: store, clock: clock, now: wallClock(clock),
                              logger: .init(label: "test"))
        let a = TSDB.Labels(["__address__": "a:1"])
        let b = TSDB.Labels(["__address__": "b:1"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await pool.run() }
            pool.sync([a, b])
            await clock.waitForSleepers(2)
            clock.advance(by: .seconds(10))
            await eventually("both targets tried") { scrapeCounts(pool) == [1, 1] }
            let limited = ScrapeError.targetLimitExceeded(targets: 2, limit: 1)
            #expect(limited.description == "target_limit exceeded (number of targets: 2, limit: 1)")
            #expect(pool.targetHealth().map(\.state) == [.down, .down])
            #expect(pool.targetHealth().map(\.lastError) == [limited, limited])
            #expect(client.requests.isEmpty)
            #expect(points(store, "up").allSatisfy { $0.v == 0 })
            #expect(points(store, "m").isEmpty)

            pool.sync([a])
            await clock.waitForSleepers(2)
            clock.advance(by: .seconds(10))
            await eventually("a scraped again") { pool.targetHealth().first?.state == .up }
            #expect(points(store, "m").count == 1)
            group.cancelAll()
        }
    }

    @Test("a static provider feeds the pool")
    func staticProvider() async {
        let clock = ManualClock()
        let pool = ScrapePool(options: Self.options, client: FakeScrapeClient(clock: clock, reply: .hang),
                              storage: TimeSeriesStore(), clock: clock, now: wallClock(clock), logger: .init(label: "test"))
        await pool.follow(StaticTargetProvider(addresses: ["x:1", "y:2"], labels: ["team": "a"]))
        #expect(pool.targetHealth().map(\.target.url) == ["http://x:1/metrics", "http://y:2/metrics"])
        #expect(pool.targetHealth().first?.target.targetLabels["team"] == "a")
    }
}
