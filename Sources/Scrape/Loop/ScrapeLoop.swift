import Logging
import Synchronization
import TSDB

/// Scrapes one target every interval until stopped, and writes what it saw to storage.
///
/// The first scrape is offset within the interval by a hash of the target (Prometheus:
/// `(hash ^ seed) % interval` after the next interval boundary), so targets of one job
/// spread out. Each scrape stages the samples, staleness markers and `up` / `scrape_*`
/// series in one appender and commits once. Time comes from the injected clock (waits,
/// durations, timeouts) and `now` (sample timestamps), so tests drive it with a manual clock.
///
/// After ``stop()`` the loop waits until the next scrape would have been (that time stamps
/// the markers), one more interval and a tenth, then writes staleness markers for every
/// series of its last scrape and for its `up` / `scrape_*` series — unless cancelled
/// first (shutdown: a restarted Vigil continues the series).
public final class ScrapeLoop<Storage: Appendable, C: Clock>: Sendable where C.Duration == Duration {
    /// The target scraped.
    public let target: ScrapeTarget
    private let options: ScrapeOptions
    private let client: any ScrapeClient
    private let storage: Storage
    private let clock: C
    private let now: @Sendable () -> Int64
    private let jitterSeed: UInt64
    private let logger: Logger
    private let context: SampleContext
    private let reportLabels: ReportLabels

    private struct State {
        var health: TargetHealth
        var stopRequested = false
        /// Set by the pool (target_limit): scrapes fail with it without a request.
        var forcedError: ScrapeError?
    }
    private let state: Mutex<State>
    /// Only the loop's own task uses the cache; the lock makes ``scrapeNow()`` safe to call
    /// from elsewhere when the loop is not running (tools, benchmarks).
    private let cache = Mutex(ScrapeCache())

    /// Creates a loop; nothing happens until ``run()``.
    ///
    /// - Parameters:
    ///   - now: wall-clock time in milliseconds since the Unix epoch, for sample timestamps.
    ///   - jitterSeed: mixed into the start offset so replicas do not scrape in lockstep.
    public init(target: ScrapeTarget, options: ScrapeOptions, client: any ScrapeClient, storage: Storage,
                clock: C, now: @escaping @Sendable () -> Int64, jitterSeed: UInt64 = 0, logger: Logger) {
        self.target = target
        self.options = options
        self.client = client
        self.storage = storage
        self.clock = clock
        self.now = now
        self.jitterSeed = jitterSeed
        var logger = logger
        logger[metadataKey: "vigil.scrape.target"] = "\(target.url)"
        self.logger = logger
        let targetLabels = target.targetLabels
        self.context = SampleContext(
            targetLabels: targetLabels, honorLabels: options.honorLabels, honorTimestamps: options.honorTimestamps,
            metricRelabelConfigs: options.metricRelabelConfigs, sampleLimit: options.sampleLimit,
            labelLimits: options.labelLimits)
        self.reportLabels = ReportLabels(targetLabels: targetLabels)
        self.state = Mutex(State(health: TargetHealth(target: target)))
    }

    /// The target's health after its last scrape.
    public func health() -> TargetHealth { state.withLock { $0.health } }

    /// Asks the loop to finish: no more scrapes; staleness markers follow (see type docs).
    public func stop() { state.withLock { $0.stopRequested = true } }

    /// Makes every scrape fail with `error` without contacting the target (the previous
    /// scrape's series get staleness markers, `up` is 0), until called with nil; how
    /// Prometheus enforces its pool's `target_limit`.
    public func setForcedError(_ error: ScrapeError?) { state.withLock { $0.forcedError = error } }

    private var isStopRequested: Bool { state.withLock { $0.stopRequested } }

    /// The delay before the first scrape: the next interval boundary plus the target's
    /// offset, folded into one interval (Prometheus' `Target.offset`).
    public static func initialDelay(targetHash: UInt64, jitterSeed: UInt64, interval: Duration,
                                    nowMilliseconds: Int64) -> Duration {
        let intervalNanos = max(interval.nanoseconds, 1)
        let nowNanos = nowMilliseconds.multipliedReportingOverflow(by: 1_000_000).partialValue
        let base = intervalNanos - ((nowNanos % intervalNanos) + intervalNanos) % intervalNanos
        let offset = Int64((targetHash ^ jitterSeed) % UInt64(intervalNanos))
        var next = base + offset
        if next > intervalNanos { next -= intervalNanos }
        return .nanoseconds(next)
    }

    /// Scrapes every interval until stopped or cancelled.
    public func run() async {
        let interval = target.interval
        let delay = Self.initialDelay(targetHash: target.stableHash, jitterSeed: jitterSeed, interval: interval,
                                      nowMilliseconds: now())
        var next = clock.now.advanced(by: delay)
        var scrapedOnce = false
        logger.debug("scrape loop started", metadata: ["vigil.scrape.offset": "\(delay)"])
        while true {
            do {
                // Checked before sleeping too: a cancelled task must not start a new wait.
                try Task.checkCancellation()
                try await clock.sleep(until: next, tolerance: nil)
            } catch {
                logger.debug("scrape loop cancelled")
                return
            }
            if isStopRequested {
                if scrapedOnce { await writeEndOfRunStaleness(tick: next, interval: interval) }
                logger.debug("scrape loop stopped")
                return
            }
            if await scrapeNow() { scrapedOnce = true }
            // Like a ticker: skip ticks a slow scrape overran instead of bursting.
            next = next.advanced(by: interval)
            let current = clock.now
            while next <= current { next = next.advanced(by: interval) }
        }
    }

    /// Scrapes once, now: fetch, append samples, staleness markers and `up` / `scrape_*`,
    /// commit, update health. Returns false when cancelled before anything was stored.
    /// ``run()`` calls this on every tick; call it directly only while `run()` is not running.
    @discardableResult
    public func scrapeNow() async -> Bool {
        var cache = self.cache.withLock { cache in
            let taken = cache
            cache = ScrapeCache()
            return taken
        }
        let stored = await scrapeAndReport(cache: &cache)
        self.cache.withLock { [cache] in $0 = cache }
        return stored
    }

    private func scrapeAndReport(cache: inout ScrapeCache) async -> Bool {
        let appendTime = now()
        let start = clock.now
        let request = ScrapeRequest(url: target.url, timeout: target.timeout, bodySizeLimit: options.bodySizeLimit,
                                    authorization: options.authorization, followRedirects: options.followRedirects)
        let result: Result<ScrapeResponse, ScrapeError>
        if let forcedError = state.withLock({ $0.forcedError }) {
            result = .failure(forcedError)  // target_limit: no request at all
        } else {
            result = await fetch(request)
        }
        if Task.isCancelled { return false }

        var appender = storage.appender()
        var scrapeError: ScrapeError?
        var outcome: AppendOutcome
        switch result {
        case .success(let response):
            outcome = cache.append(body: response.body, contentType: response.contentType, timestamp: appendTime,
                                   context: context, into: &appender)
        case .failure(let error):
            scrapeError = error
            outcome = cache.append(body: [], contentType: nil, timestamp: appendTime, context: context, into: &appender)
        }
        if let appendError = outcome.error {
            // Nothing of a failed scrape is kept; an empty append then marks the previous
            // scrape's series stale, as for any failed scrape.
            appender.rollback()
            cache.abandonIteration()
            _ = cache.append(body: [], contentType: nil, timestamp: appendTime, context: context, into: &appender)
            scrapeError = scrapeError ?? appendError
        }
        let duration = start.duration(to: clock.now)
        let report = ScrapeReport(up: scrapeError == nil, duration: duration, outcome: outcome)
        for (labels, value) in reportLabels.samples(report) {
            append(labels, t: appendTime, v: value, to: &appender)
        }
        let summary = appender.commit()
        if summary.outOfOrder > 0 {
            logger.warning("samples dropped as out of order", metadata: ["vigil.scrape.dropped": "\(summary.outOfOrder)"])
        }
        state.withLock { state in
            state.health.state = scrapeError == nil ? .up : .down
            state.health.lastError = scrapeError
            state.health.lastScrape = appendTime
            state.health.lastScrapeDuration = duration
            state.health.scrapeCount += 1
        }
        if let scrapeError {
            logger.debug("scrape failed", metadata: ["vigil.scrape.error": "\(scrapeError)"])
        }
        return true
    }

    /// The client's answer, or a timeout when the clock reaches `timeout` first.
    private func fetch(_ request: ScrapeRequest) async -> Result<ScrapeResponse, ScrapeError> {
        let client = self.client
        let clock = self.clock
        return await withTaskGroup(of: Result<ScrapeResponse, ScrapeError>?.self) { group in
            group.addTask {
                do throws(ScrapeError) {
                    return .success(try await client.fetch(request))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                do {
                    try Task.checkCancellation()
                    try await clock.sleep(for: request.timeout, tolerance: nil)
                    return .failure(.timeout(url: request.url))
                } catch {
                    return nil  // The fetch finished first and cancelled the timer.
                }
            }
            var outcome: Result<ScrapeResponse, ScrapeError>?
            while outcome == nil, let next = await group.next() {
                outcome = next
                group.cancelAll()
            }
            return outcome ?? .failure(.timeout(url: request.url))
        }
    }

    private func writeEndOfRunStaleness(tick: C.Instant, interval: Duration) async {
        // `tick` is when the next scrape would have been: the markers' timestamp. Waiting
        // one more interval (and a tenth) lets a re-created loop for the same target write
        // first, so these markers then arrive out of order and are dropped.
        let staleTime = now()
        do {
            try Task.checkCancellation()
            try await clock.sleep(until: tick.advanced(by: interval + interval / 10), tolerance: nil)
        } catch {
            return
        }
        var appender = storage.appender()
        cache.withLock { $0.appendEndOfRunStaleness(at: staleTime, into: &appender) }
        for labels in reportLabels.all {
            append(labels, t: staleTime, v: StaleNaN, to: &appender)
        }
        appender.commit()
    }

    private func append(_ labels: TSDB.Labels, t: Int64, v: Double, to appender: inout Storage.SampleAppender) {
        do {
            try appender.append(labels, t: t, v: v)
        } catch {
            logger.debug("report sample rejected", metadata: ["vigil.scrape.error": "\(error)"])
        }
    }
}

extension Duration {
    /// Whole nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? (seconds < 0 ? .min : .max) : scaled &+ attoseconds / 1_000_000_000
    }

    /// Seconds as a `Double`, as Go's `Duration.Seconds()`.
    var secondsValue: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
