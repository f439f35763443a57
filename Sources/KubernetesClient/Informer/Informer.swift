import Logging
import Synchronization

/// Keeps an `ObjectStore` equal to the server's objects of one kind: lists, then watches
/// from the list's resourceVersion, resumes the watch from the last resourceVersion or
/// bookmark after the server ends it, lists again after a 410 Gone, an ERROR event or
/// undecodable data, and backs off on errors. Handlers see every change after the cache
/// has it.
///
/// `run()` returns only when its task is cancelled; nothing it starts outlives it.
public final class Informer<T: KubernetesResource>: Sendable {
    public struct Options: Sendable {
        public var labelSelector: String?
        public var fieldSelector: String?
        /// Page size of the initial and every later list.
        public var pageSize: Int
        /// The server ends each watch after a random time in this range (client-go: 5–10 min),
        /// so that many informers do not reconnect at once.
        public var watchTimeout: ClosedRange<Int>
        /// A watch with no event, bookmark or byte for this long is restarted.
        public var idleTimeout: Duration
        public var backoff: Backoff

        public init(
            labelSelector: String? = nil, fieldSelector: String? = nil, pageSize: Int = 500,
            watchTimeout: ClosedRange<Int> = 300...600, idleTimeout: Duration = .seconds(660),
            backoff: Backoff = .watch
        ) {
            self.labelSelector = labelSelector
            self.fieldSelector = fieldSelector
            self.pageSize = pageSize
            self.watchTimeout = watchTimeout
            self.idleTimeout = idleTimeout
            self.backoff = backoff
        }
    }

    public typealias Handler = @Sendable (InformerEvent<T>) -> Void

    public let store = ObjectStore<T>()
    let api: ResourceClient<T>
    let options: Options
    let logger: Logger
    let handlers: [Handler]
    let sleep: @Sendable (Duration) async throws -> Void
    private let synced = Mutex<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))
    private let counters = Mutex(Statistics())

    /// How often the informer listed and watched; for tests, metrics and debugging.
    public struct Statistics: Sendable {
        public var lists = 0
        public var watches = 0
        public var relistsAfterGone = 0
        public var errors = 0
    }

    public init(
        api: ResourceClient<T>, options: Options = Options(), logger: Logger, handlers: [Handler] = [],
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.api = api
        self.options = options
        var logger = logger
        logger[metadataKey: "vigil.informer"] = "\(api.resource)"
        self.logger = logger
        self.handlers = handlers
        self.sleep = sleep
    }

    public var statistics: Statistics { counters.withLock { $0 } }

    /// True once the first full list is in the cache.
    public var hasSynced: Bool { synced.withLock { $0.done } }

    /// Returns once the first full list is in the cache.
    public func waitUntilSynced() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = synced.withLock { state -> Bool in
                if state.done { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Lists and watches until the task is cancelled.
    public func run() async {
        var resourceVersion: String?
        var failures = 0
        // The last resourceVersion applied to the cache, advanced per event, so a watch
        // that breaks mid-stream resumes where it stopped instead of replaying (which would
        // briefly move cached objects back to older states).
        let progress = WatchProgress()
        while !Task.isCancelled {
            do {
                if resourceVersion == nil {
                    resourceVersion = try await relist()
                }
                guard let from = resourceVersion else { continue }
                progress.reset(to: from)
                do {
                    try await watch(from: from, progress: progress)
                } catch {
                    resourceVersion = progress.latest  // the handlers below may still relist
                    throw error
                }
                resourceVersion = progress.latest
                failures = 0
            } catch let error as KubernetesError {
                if Task.isCancelled { return }
                counters.withLock { $0.errors += 1 }
                if error.isGone {
                    // History is gone: only a fresh list tells what changed meanwhile.
                    logger.debug("watch expired; listing again", metadata: ["vigil.k8s.error": "\(error)"])
                    counters.withLock { $0.relistsAfterGone += 1 }
                    resourceVersion = nil
                    continue
                }
                if case .decoding = error {
                    // A corrupt stream may have skipped events; the cache cannot be trusted.
                    resourceVersion = nil
                }
                let delay = options.backoff.delay(forAttempt: failures)
                failures += 1
                logger.warning(
                    "list/watch failed; backing off",
                    metadata: ["vigil.k8s.error": "\(error)", "vigil.k8s.delay": "\(delay)"])
                do { try await sleep(delay) } catch { return }
            } catch {
                return  // cancellation
            }
        }
    }

    /// Lists everything, swaps it into the store, tells the handlers, marks synced.
    private func relist() async throws(KubernetesError) -> String {
        counters.withLock { $0.lists += 1 }
        let list = try await api.listAll(
            ListOptions(labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, limit: options.pageSize))
        let events = store.replace(with: list.items)
        deliver(events)
        let waiters = synced.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.done = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
        logger.debug("listed", metadata: ["vigil.k8s.count": "\(list.items.count)", "vigil.k8s.rv": "\(list.metadata.resourceVersion ?? "")"])
        return list.metadata.resourceVersion ?? ""
    }

    /// Watches from `resourceVersion` until the server ends the stream, recording in
    /// `progress` the resourceVersion of every event applied, so that whatever ends the
    /// watch, the next one resumes from there.
    private func watch(from resourceVersion: String, progress: WatchProgress) async throws {
        counters.withLock { $0.watches += 1 }
        let timeout = Int.random(in: options.watchTimeout)
        let events = try await api.watch(
            WatchOptions(
                labelSelector: options.labelSelector, fieldSelector: options.fieldSelector,
                resourceVersion: resourceVersion, allowWatchBookmarks: true, timeoutSeconds: timeout))
        let lastActivity = LastActivity()
        let idleTimeout = options.idleTimeout
        let resource = api.resource.description
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { [self] in
                for try await event in events {
                    lastActivity.touch()
                    apply(event)
                    if let version = event.resourceVersion { progress.advance(to: version) }
                }
                return true
            }
            group.addTask {
                // Watchdog: a connection that died silently would otherwise hang forever.
                while true {
                    try await Task.sleep(for: idleTimeout / 4)
                    if lastActivity.idle > idleTimeout {
                        throw KubernetesError.transport(verb: .watch, resource: resource, underlying: "watch idle for \(idleTimeout)")
                    }
                }
            }
            defer { group.cancelAll() }
            // The first child to finish decides: the stream ended, or the watchdog threw.
            _ = try await group.next()
        }
    }

    private func apply(_ event: WatchEvent<T>) {
        switch event {
        case .added(let object), .modified(let object):
            if let old = store.upsert(object) {
                deliver([.updated(old: old, new: object)])
            } else {
                deliver([.added(object)])
            }
        case .deleted(let object):
            let old = store.remove(object.key)
            deliver([.deleted(old.map { _ in object } ?? object)])
        case .bookmark:
            break
        }
    }

    private func deliver(_ events: [InformerEvent<T>]) {
        for event in events {
            for handler in handlers { handler(event) }
        }
    }
}

/// The resourceVersion an informer has applied up to, shared with its watch reader.
private final class WatchProgress: Sendable {
    private let version = Mutex<String?>(nil)
    func reset(to value: String) { version.withLock { $0 = value } }
    func advance(to value: String) { version.withLock { $0 = value } }
    var latest: String? { version.withLock { $0 } }
}

/// When a watch last delivered something, shared by its reader and its watchdog.
private final class LastActivity: Sendable {
    private let instant = Mutex(ContinuousClock.now)
    func touch() { instant.withLock { $0 = .now } }
    var idle: Duration { instant.withLock { $0 }.duration(to: .now) }
}
