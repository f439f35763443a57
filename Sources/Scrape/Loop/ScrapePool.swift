import Logging
import Synchronization
import TSDB

/// Scrapes every target of one job: one ``ScrapeLoop`` per target, each a child task of
/// ``run()`` (no thread per target).
///
/// ``sync(_:)`` reconciles with the discovered targets: new targets start, vanished ones
/// stop (and write staleness markers for all their series, see ``ScrapeLoop``), unchanged
/// ones keep running. ``targetHealth()`` is a snapshot for status.
///
/// ```swift
/// let pool = ScrapePool(options: options, client: client, storage: store,
///                       clock: ContinuousClock(), now: wallMilliseconds, logger: logger)
/// try await withThrowingDiscardingTaskGroup { group in
///     group.addTask { await pool.run() }
///     group.addTask { await pool.follow(provider) }
/// }
/// ```
public final class ScrapePool<Storage: Appendable, C: Clock>: Sendable where C.Duration == Duration {
    /// The job's options.
    public let options: ScrapeOptions
    private let client: any ScrapeClient
    private let storage: Storage
    private let clock: C
    private let now: @Sendable () -> Int64
    private let jitterSeed: UInt64
    private let logger: Logger

    private struct State {
        var loops: [TSDB.Labels: ScrapeLoop<Storage, C>] = [:]
        var targetErrors: [TargetError] = []
        var droppedCount = 0
    }
    private let state = Mutex(State())
    private let starts: AsyncStream<ScrapeLoop<Storage, C>>
    private let startContinuation: AsyncStream<ScrapeLoop<Storage, C>>.Continuation

    /// Creates a pool; targets are scraped once ``run()`` runs and ``sync(_:)`` gave some.
    ///
    /// - Parameters:
    ///   - client: scrapes the targets; with `options.tls`, its ``ScrapeClient/configured(for:)`` does.
    ///   - now: wall-clock milliseconds since the Unix epoch (sample timestamps).
    ///   - jitterSeed: spreads first scrapes differently per replica (e.g. a hash of the pod name).
    public init(options: ScrapeOptions, client: any ScrapeClient, storage: Storage, clock: C,
                now: @escaping @Sendable () -> Int64, jitterSeed: UInt64 = 0, logger: Logger) {
        self.options = options
        self.client = options.tls.map { client.configured(for: $0) } ?? client
        self.storage = storage
        self.clock = clock
        self.now = now
        self.jitterSeed = jitterSeed
        var logger = logger
        logger[metadataKey: "vigil.scrape.job"] = "\(options.jobName)"
        self.logger = logger
        (starts, startContinuation) = AsyncStream.makeStream(of: ScrapeLoop<Storage, C>.self)
    }

    /// Runs the loops until the calling task is cancelled; then every loop ends without
    /// writing staleness markers (a restart continues the series). Call it once per pool.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for await loop in starts {
                group.addTask { await loop.run() }
            }
        }
    }

    /// Applies every snapshot of `provider` until its stream ends or the task is cancelled.
    public func follow(_ provider: some TargetProvider) async {
        for await snapshot in provider.targetSnapshots() {
            sync(snapshot)
        }
    }

    /// Reconciles with the discovered label sets of this job: builds targets with the
    /// pool's relabeling, starts loops for new ones and stops loops whose target is gone.
    /// Targets that cannot be built are skipped and reported by ``targetErrors()``.
    public func sync(_ discovered: [TSDB.Labels]) {
        var targets: [TSDB.Labels: ScrapeTarget] = [:]
        var errors: [TargetError] = []
        var dropped = 0
        for labels in discovered {
            do throws(TargetError) {
                if let target = try ScrapeTarget.make(discovered: labels, options: options) {
                    targets[target.labels] = target
                } else {
                    dropped += 1
                }
            } catch {
                errors.append(error)
            }
        }
        let (started, stopped) = state.withLock { state -> ([ScrapeLoop<Storage, C>], [ScrapeLoop<Storage, C>]) in
            state.targetErrors = errors
            state.droppedCount = dropped
            var stopped: [ScrapeLoop<Storage, C>] = []
            for (key, loop) in state.loops where targets[key] == nil {
                stopped.append(loop)
                state.loops[key] = nil
            }
            var started: [ScrapeLoop<Storage, C>] = []
            for (key, target) in targets where state.loops[key] == nil {
                let loop = ScrapeLoop(target: target, options: options, client: client, storage: storage, clock: clock,
                                      now: now, jitterSeed: jitterSeed, logger: logger)
                state.loops[key] = loop
                started.append(loop)
            }
            return (started, stopped)
        }
        for loop in stopped { loop.stop() }
        // Prometheus creates the loops anyway and has every one of them fail while the pool
        // has more targets than target_limit.
        let limit = options.targetLimit
        let forcedError = limit > 0 && targets.count > limit
            ? ScrapeError.targetLimitExceeded(targets: targets.count, limit: limit) : nil
        for loop in state.withLock({ Array($0.loops.values) }) { loop.setForcedError(forcedError) }
        for loop in started { startContinuation.yield(loop) }
        if !started.isEmpty || !stopped.isEmpty {
            logger.debug("targets synced", metadata: [
                "vigil.scrape.started": "\(started.count)", "vigil.scrape.stopped": "\(stopped.count)",
                "vigil.scrape.dropped": "\(dropped)", "vigil.scrape.invalid": "\(errors.count)",
            ])
        }
    }

    /// Health of every active target, sorted by URL.
    public func targetHealth() -> [TargetHealth] {
        let loops = state.withLock { Array($0.loops.values) }
        return loops.map { $0.health() }.sorted { $0.target.url < $1.target.url }
    }

    /// Why discovered targets of the last sync could not be scraped.
    public func targetErrors() -> [TargetError] { state.withLock { $0.targetErrors } }

    /// How many discovered targets the last sync's relabeling dropped.
    public func droppedTargetCount() -> Int { state.withLock { $0.droppedCount } }
}
