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
