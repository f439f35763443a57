import DequeModule
import Metrics
import Synchronization

/// A queue of keys to reconcile, with client-go's guarantees:
/// - a key waiting in the queue is stored once, however often it is added;
/// - a key being processed is never handed out again until `done`; adds meanwhile
///   queue it once more for after `done`;
/// - `addRateLimited` re-queues with per-key exponential backoff (5 ms doubling to
///   1000 s by default), reset by `forget`.
///
/// Delayed adds wait on the injected clock and are released by `run()`, which must be
/// running (it is a child task of the controller).
public final class WorkQueue<Key: Hashable & Sendable, C: Clock>: Sendable where C.Duration == Duration {
    private struct State {
        var queue = Deque<Key>()
        var dirty: Set<Key> = []
        var processing: Set<Key> = []
        var failures: [Key: Int] = [:]
        var delayed: [(deadline: C.Instant, key: Key)] = []
        var addedAt: [Key: C.Instant] = [:]
        var startedAt: [Key: C.Instant] = [:]
        var getters: [CheckedContinuation<Key?, Never>] = []
        var shuttingDown = false
    }

    private let state = Mutex(State())
    private let clock: C
    private let rateLimit: Backoff
    private let delayedChanged = WakeSignal()
    private let depthGauge: Gauge
    private let addsCounter: Counter
    private let retriesCounter: Counter
    private let queueLatency: Metrics.Timer
    private let workDuration: Metrics.Timer

    /// - Parameters:
    ///   - name: used as the `name` dimension of the `vigil_workqueue_*` metrics.
    ///   - rateLimit: per-key backoff of `addRateLimited` (jitter is ignored: exact timing).
    public init(name: String, clock: C, rateLimit: Backoff = Backoff(initial: .milliseconds(5), maximum: .seconds(1000), jitter: 0)) {
        self.clock = clock
        self.rateLimit = rateLimit
        let dimensions = [("name", name)]
        depthGauge = Gauge(label: "vigil_workqueue_depth", dimensions: dimensions)
        addsCounter = Counter(label: "vigil_workqueue_adds_total", dimensions: dimensions)
        retriesCounter = Counter(label: "vigil_workqueue_retries_total", dimensions: dimensions)
        queueLatency = Metrics.Timer(label: "vigil_workqueue_queue_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds)
        workDuration = Metrics.Timer(label: "vigil_workqueue_work_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds)
    }

    /// Keys waiting (not counting those being processed or delayed).
    public var count: Int { state.withLock { $0.queue.count } }

    /// Adds `key` now.
    public func add(_ key: Key) {
        let now = clock.now
        let (getter, depth) = state.withLock { state -> (CheckedContinuation<Key?, Never>?, Int) in
            guard !state.shuttingDown, !state.dirty.contains(key) else { return (nil, state.queue.count) }
            state.dirty.insert(key)
            if state.addedAt[key] == nil { state.addedAt[key] = now }
            if state.processing.contains(key) { return (nil, state.queue.count) }
            if !state.getters.isEmpty {
                // Hand the key straight to a waiting worker.
                state.dirty.remove(key)
                state.processing.insert(key)
                state.startedAt[key] = now
                return (state.getters.removeFirst(), state.queue.count)
            }
            state.queue.append(key)
            return (nil, state.queue.count)
        }
        addsCounter.increment()
        depthGauge.record(depth)
        if let getter {
            recordQueueLatency(for: key, at: now)
            getter.resume(returning: key)
        }
    }

    /// Adds `key` once `delay` has passed on the queue's clock.
    public func add(_ key: Key, after delay: Duration) {
        guard delay > .zero else { return add(key) }
        let deadline = clock.now.advanced(by: delay)
        state.withLock { state in
            guard !state.shuttingDown else { return }
            state.delayed.append((deadline, key))
        }
        delayedChanged.signal()
    }

    /// Adds `key` after its backoff, which doubles with each call until `forget`.
    public func addRateLimited(_ key: Key) {
        let attempt = state.withLock { state -> Int in
            defer { state.failures[key, default: 0] += 1 }
            return state.failures[key, default: 0]
        }
        retriesCounter.increment()
        add(key, after: rateLimit.delay(forAttempt: attempt, random: 0))
    }

    /// Clears the backoff of `key` (after a successful reconcile).
    public func forget(_ key: Key) { state.withLock { _ = $0.failures.removeValue(forKey: key) } }

    /// How many times `key` was re-queued since it was last forgotten.
    public func retries(of key: Key) -> Int { state.withLock { $0.failures[key, default: 0] } }

    /// The next key to process; `nil` once the queue is shut down. Call `done` after.
    public func next() async -> Key? {
        let now = clock.now
        return await withCheckedContinuation { (continuation: CheckedContinuation<Key?, Never>) in
            let immediate = state.withLock { state -> Key?? in
                if let key = state.queue.popFirst() {
                    state.dirty.remove(key)
                    state.processing.insert(key)
                    state.startedAt[key] = now
                    return .some(key)
                }
                if state.shuttingDown { return .some(nil) }
                state.getters.append(continuation)
                return .none
            }
            if let immediate {
                if let key = immediate { recordQueueLatency(for: key, at: now) }
                continuation.resume(returning: immediate)
            }
        }
    }

    /// Marks `key` processed; if it was added meanwhile it is queued again.
    public func done(_ key: Key) {
        let now = clock.now
        let (getter, started) = state.withLock { state -> (CheckedContinuation<Key?, Never>?, C.Instant?) in
            state.processing.remove(key)
            let started = state.startedAt.removeValue(forKey: key)
            guard state.dirty.contains(key) else { return (nil, started) }
            if !state.getters.isEmpty {
                state.dirty.remove(key)
                state.processing.insert(key)
                state.startedAt[key] = now
                return (state.getters.removeFirst(), started)
            }
            state.queue.append(key)
            return (nil, started)
        }
        if let started { workDuration.record(started.duration(to: now)) }
        if let getter {
            recordQueueLatency(for: key, at: now)
            getter.resume(returning: key)
        }
    }

    /// Stops handing out keys: waiting and later `next()` calls return `nil`.
    public func shutDown() {
        let getters = state.withLock { state -> [CheckedContinuation<Key?, Never>] in
            state.shuttingDown = true
            defer { state.getters = [] }
            return state.getters
        }
        for getter in getters { getter.resume(returning: nil) }
        delayedChanged.signal()
    }

    /// Releases delayed keys when their time comes; returns on cancellation or shutdown.
    public func run() async {
        while !Task.isCancelled {
            let (due, nextDeadline, stop) = state.withLock { state -> ([Key], C.Instant?, Bool) in
                let now = clock.now
                let due = state.delayed.filter { $0.deadline <= now }.map(\.key)
                state.delayed.removeAll { $0.deadline <= now }
                return (due, state.delayed.map(\.deadline).min(), state.shuttingDown)
            }
            if stop { return }
            for key in due { add(key) }
            await withTaskGroup(of: Void.self) { group in
                let clock = self.clock
                if let nextDeadline {
                    group.addTask { try? await clock.sleep(until: nextDeadline, tolerance: nil) }
                }
                group.addTask { [delayedChanged] in await delayedChanged.wait() }
                await group.next()
                group.cancelAll()
            }
        }
    }

    private func recordQueueLatency(for key: Key, at now: C.Instant) {
        let added = state.withLock { $0.addedAt.removeValue(forKey: key) }
        if let added { queueLatency.record(added.duration(to: now)) }
    }
}

extension Metrics.Timer {
    func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
