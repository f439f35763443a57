import Exposition
import Synchronization
import TSDB
import Testing
import VigilTestSupport
@testable import Scrape

/// What the fake target answers.
enum FakeReply: Sendable {
    /// 200 with this body and content type.
    case body(String, contentType: String? = "text/plain; version=0.0.4")
    /// A failure as a real client would report it.
    case failure(ScrapeError)
    /// Answers after `delay` on the manual clock.
    case slow(String, delay: Duration)
    /// Never answers (until cancelled).
    case hang
}

/// A scrape client serving fixtures; the reply can change between scrapes. It honours
/// `bodySizeLimit` like the real client and records requests.
final class FakeScrapeClient: ScrapeClient, Sendable {
    private let replies: Mutex<[String: FakeReply]>
    private let recorded = Mutex<[ScrapeRequest]>([])
    private let clock: ManualClock

    init(clock: ManualClock, reply: FakeReply) {
        self.clock = clock
        self.replies = Mutex(["*": reply])
    }

    /// Sets the reply for every URL, or for one URL.
    func set(_ reply: FakeReply, for url: String = "*") { replies.withLock { $0[url] = reply } }

    var requests: [ScrapeRequest] { recorded.withLock { $0 } }

    func fetch(_ request: ScrapeRequest) async throws(ScrapeError) -> ScrapeResponse {
        recorded.withLock { $0.append(request) }
        let reply = replies.withLock { $0[request.url] ?? $0["*"] } ?? .hang
        switch reply {
        case .body(let text, let contentType):
            return try limited(text, contentType: contentType, request)
        case .failure(let error):
            throw error
        case .slow(let text, let delay):
            do { try await clock.sleep(for: delay) } catch { throw .timeout(url: request.url) }
            return try limited(text, contentType: "text/plain; version=0.0.4", request)
        case .hang:
            do { try await clock.sleep(for: .seconds(1_000_000)) } catch { throw .timeout(url: request.url) }
            throw .timeout(url: request.url)
        }
    }

    private func limited(_ text: String, contentType: String?, _ request: ScrapeRequest) throws(ScrapeError) -> ScrapeResponse {
        let body = Array(text.utf8)
        if request.bodySizeLimit > 0 && body.count > request.bodySizeLimit { throw .bodySizeLimitExceeded }
        return ScrapeResponse(body: body, contentType: contentType)
    }
}

/// Wall-clock milliseconds derived from a manual clock, so sample timestamps move with it.
let wallBase: Int64 = 1_700_000_000_000
func wallClock(_ clock: ManualClock) -> @Sendable () -> Int64 {
    { wallBase + clock.now.offset.nanoseconds / 1_000_000 }
}

/// Yields until `condition` holds (no sleeping); records an issue if it never does.
func eventually(_ what: String, _ condition: () -> Bool) async {
    for _ in 0..<200_000 {
        if condition() { return }
        await Task.yield()
    }
    Issue.record("timed out waiting until \(what)")
}

/// Every series named `name` with its points, keyed by labels.
func series(_ store: TimeSeriesStore, _ name: String) -> [TSDB.Labels: [Point]] {
    guard let matcher = try? LabelMatcher(.equal, TSDB.Labels.metricName, name) else { return [:] }
    let found = store.querier(mint: .min, maxt: .max).select([matcher])
    return Dictionary(found.map { ($0.labels, $0.points) }, uniquingKeysWith: { first, _ in first })
}

/// The only series named `name` that has `label`=`value` (or any, when nil).
func points(_ store: TimeSeriesStore, _ name: String, where label: String? = nil, is value: String? = nil) -> [Point] {
    let all = series(store, name)
    let matching = all.filter { entry in label.map { entry.key[$0] == value } ?? true }
    return matching.first?.value ?? []
}

/// A target at `address` of job `test`, built like Prometheus would.
func makeTarget(_ address: String = "app:8080", extra: [String: String] = [:],
                options: ScrapeOptions = ScrapeOptions(jobName: "test", interval: .seconds(15), timeout: .seconds(10)))
    throws -> ScrapeTarget {
    var labels = extra
    labels["__address__"] = address
    let target = try ScrapeTarget.make(discovered: TSDB.Labels(labels), options: options)
    return try #require(target)
}

/// Drives one ScrapeLoop on a manual clock.
struct LoopHarness {
    let clock = ManualClock()
    let store = TimeSeriesStore()
    let client: FakeScrapeClient
    let loop: ScrapeLoop<TimeSeriesStore, ManualClock>
    let target: ScrapeTarget

    init(reply: FakeReply, options: ScrapeOptions = ScrapeOptions(jobName: "test", interval: .seconds(15),
                                                                    timeout: .seconds(10)),
         extraLabels: [String: String] = [:]) throws {
        client = FakeScrapeClient(clock: clock, reply: reply)
        target = try makeTarget(extra: extraLabels, options: options)
        loop = ScrapeLoop(target: target, options: options, client: client, storage: store, clock: clock,
                          now: wallClock(clock), logger: .init(label: "test"))
    }

    /// Runs the loop while `body` drives the clock; cancels it afterwards.
    func run(_ body: (LoopHarness) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await loop.run() }
            defer { group.cancelAll() }
            try await body(self)
        }
    }

    /// Advances to the first scrape and waits for it to finish.
    func firstScrape() async {
        await clock.waitForSleepers(1)
        let delay = ScrapeLoop<TimeSeriesStore, ManualClock>.initialDelay(
            targetHash: target.stableHash, jitterSeed: 0, interval: target.interval, nowMilliseconds: wallBase)
        clock.advance(by: delay)
        await eventually("the first scrape finished") { loop.health().scrapeCount == 1 }
    }

    /// Advances one interval and waits for that scrape to finish.
    func nextScrape() async {
        let count = loop.health().scrapeCount
        await clock.waitForSleepers(1)
        clock.advance(by: target.interval)
        await eventually("scrape \(count + 1) finished") { loop.health().scrapeCount == count + 1 }
    }

    /// Milliseconds of the last scrape.
    var lastTimestamp: Int64 { loop.health().lastScrape ?? -1 }
}
