/// The fake server's mutable state: the stored cluster plus open watches, faults and
/// counters. Lives in one `Mutex`; nothing here awaits, so the lock is never held across
/// a suspension point.
struct ServerState {
    var cluster: ClusterState
    var watchers: [UInt64: WatchSubscription] = [:]
    var nextWatcherID: UInt64 = 0
    var faults: [FaultRule] = []
    var requestCounts: [FakeVerb: Int] = [:]
    var watchBookmarkInterval: Duration
    var watchBufferLimit: Int

    /// Sends every event committed since the last call to the watchers that select it.
    mutating func deliverPendingEvents() {
        let events = cluster.pendingEvents
        cluster.pendingEvents.removeAll()
        for event in events {
            for (id, watcher) in watchers {
                if let frame = watcher.frame(for: event) { send(frame, to: id) }
            }
        }
    }

    /// Hands one frame to a watcher; a watcher that has fallen `capacity` frames behind
    /// is closed instead, as kube-apiserver closes a watch whose buffer is full.
    mutating func send(_ frame: WatchFrame, to id: UInt64) {
        guard let watcher = watchers[id] else { return }
        guard watcher.backlog.pending < watcher.capacity else {
            closeWatch(id)
            return
        }
        watcher.backlog.added()
        watcher.continuation.yield(frame)
    }

    /// Registers a watch and queues its first frames: retained history after the
    /// requested version, or current state as ADDED. Returns the watch's id, nil when the
    /// version is too old (the stream then holds one 410 ERROR event and is finished), or
    /// a failure for a version the server has not reached.
    mutating func openWatch(_ subscription: WatchSubscription, options: RequestHandler.WatchOptions)
        -> Result<UInt64?, APIStatusError>
    {
        var subscription = subscription
        var frames: [WatchFrame]
        if let version = options.resourceVersion, version > cluster.resourceVersion {
            return .failure(.tooLargeResourceVersion(version, current: cluster.resourceVersion))
        }
        if let version = options.resourceVersion, !options.sendInitialEvents {
            guard let events = cluster.events(after: version) else {
                let oldest = cluster.effectiveHistoryStart + 1
                let error = APIStatusError.expired("too old resource version: \(version) (\(oldest))")
                subscription.backlog.added()
                subscription.continuation.yield(WatchFrame(type: "ERROR", object: error.statusObject))
                subscription.continuation.finish()
                return .success(nil)
            }
            frames = events.compactMap { subscription.frame(for: $0) }
        } else {
            frames = cluster.objects(subscription.resource).sorted { $0.key < $1.key }
                .filter { subscription.selects($0.value.object, key: $0.key) }
                .map { WatchFrame(type: WatchEventType.added.rawValue, object: $0.value.object) }
        }
        if options.sendInitialEvents, options.bookmarks {
            var bookmark = RequestHandler.bookmark(subscription.resource, version: cluster.resourceVersion)
            bookmark.setValue(["k8s.io/initial-events-end": "true"], at: ["metadata", "annotations"])
            frames.append(WatchFrame(type: "BOOKMARK", object: bookmark))
        }
        // Room for the initial burst on top of the live-event allowance.
        subscription.capacity = watchBufferLimit + frames.count
        let id = nextWatcherID
        nextWatcherID += 1
        watchers[id] = subscription
        for frame in frames { send(frame, to: id) }
        return .success(id)
    }

    mutating func closeWatch(_ id: UInt64) {
        watchers.removeValue(forKey: id)?.continuation.finish()
    }

    mutating func closeAllWatches() {
        for id in watchers.keys { closeWatch(id) }
    }

    /// Takes the first fault that matches the request, counting it down.
    mutating func takeFault(for request: FakeRequestInfo) -> Fault? {
        guard let index = faults.firstIndex(where: { $0.remaining > 0 && $0.matcher.predicate(request) }) else {
            return nil
        }
        faults[index].remaining -= 1
        let fault = faults[index].fault
        if faults[index].remaining == 0 { faults.remove(at: index) }
        return fault
    }
}
