import Logging
import Scrape
import Synchronization
import TSDB

/// The embedded scrape engine: one ``ScrapePool`` per job, all writing into one
/// ``TimeSeriesStore``. Reconcilers call ``setJob(_:targets:)`` and ``removeJob(_:)``;
/// ``run()`` hosts the pools as child tasks until it is cancelled.
///
/// A job whose options change is replaced by a new pool (its old targets end with
/// staleness markers); a job whose targets change keeps its pool and only syncs.
public final class ScrapeEngine: Sendable {
    typealias Pool = ScrapePool<TimeSeriesStore, ContinuousClock>

    /// Where every scraped sample goes; the PromQL engine and the rules read it.
    public let storage: TimeSeriesStore
    let client: any ScrapeClient
    let now: @Sendable () -> Int64
    let logger: Logger
    private let pools = Mutex<[String: PoolHandle]>([:])
    private let starts: AsyncStream<PoolHandle>
    private let startContinuation: AsyncStream<PoolHandle>.Continuation

    /// - Parameter now: wall-clock milliseconds since the Unix epoch (sample timestamps).
    public init(storage: TimeSeriesStore, client: any ScrapeClient, now: @escaping @Sendable () -> Int64, logger: Logger) {
        self.storage = storage
        self.client = client
        self.now = now
        self.logger = logger
        (starts, startContinuation) = AsyncStream.makeStream(of: PoolHandle.self)
    }

    /// Runs every pool until the calling task is cancelled.
    public func run() async {
        await withDiscardingTaskGroup { group in
            for await handle in starts {
                group.addTask { await handle.run() }
            }
        }
    }

    /// Creates or updates job `options.jobName` with the discovered label sets.
    public func setJob(_ options: ScrapeOptions, targets: [TSDB.Labels]) {
        let (handle, replaced, isNew) = pools.withLock { pools -> (PoolHandle, PoolHandle?, Bool) in
            if let existing = pools[options.jobName], existing.pool.options == options {
                return (existing, nil, false)
            }
            let pool = Pool(options: options, client: client, storage: storage, clock: ContinuousClock(), now: now,
                            logger: logger)
            let handle = PoolHandle(pool: pool)
            let old = pools.updateValue(handle, forKey: options.jobName)
            return (handle, old, true)
        }
        if let replaced { replaced.stop() }
        handle.pool.sync(targets)
        if isNew { startContinuation.yield(handle) }
    }

    /// Stops a job: its targets get staleness markers and its pool ends.
    public func removeJob(_ jobName: String) {
        let handle = pools.withLock { $0.removeValue(forKey: jobName) }
        handle?.stop()
    }

    /// Names of the jobs running now.
    public var jobNames: [String] { pools.withLock { Array($0.keys) }.sorted() }

    /// Health of every target of a job (empty for an unknown job).
    public func targetHealth(job: String) -> [TargetHealth] {
        pools.withLock { $0[job] }?.pool.targetHealth() ?? []
    }

    /// Why discovered targets of a job could not be scraped.
    public func targetErrors(job: String) -> [TargetError] {
        pools.withLock { $0[job] }?.pool.targetErrors() ?? []
    }

    /// Active targets of every job.
    public var targetCount: Int {
        pools.withLock { Array($0.values) }.reduce(0) { $0 + $1.pool.targetHealth().count }
    }

    /// Ends the pools; ``run()`` returns once they have.
    public func shutDown() {
        let handles = pools.withLock { pools -> [PoolHandle] in
            defer { pools = [:] }
            return Array(pools.values)
        }
        for handle in handles { handle.stop() }
        startContinuation.finish()
    }
}

/// A pool and the switch that ends its `run()`.
final class PoolHandle: Sendable {
    let pool: ScrapePool<TimeSeriesStore, ContinuousClock>
    private let stopped = StopSignal()

    init(pool: ScrapePool<TimeSeriesStore, ContinuousClock>) { self.pool = pool }

    /// Stops every target (staleness markers) and ends ``run()``.
    func stop() {
        pool.sync([])
        stopped.fire()
    }

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.pool.run() }
            group.addTask { await self.stopped.wait() }
            await group.next()
            group.cancelAll()
        }
    }
}

/// A one-shot signal: ``wait()`` returns once ``fire()`` was called, or on cancellation.
final class StopSignal: Sendable {
    private let state = Mutex<(fired: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func fire() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.fired = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    var isFired: Bool { state.withLock { $0.fired } }

    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.fired || Task.isCancelled { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            fire()
        }
    }
}
