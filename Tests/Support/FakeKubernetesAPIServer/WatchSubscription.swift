import Synchronization

/// One line of a watch stream before encoding.
struct WatchFrame: Sendable {
    var type: String
    var object: JSONValue

    var json: JSONValue { ["type": .string(type), "object": object] }
}

/// Counts frames handed to a watcher but not yet written, so a slow reader can be
/// detected without the writer ever waiting for it.
final class WatchBacklog: Sendable {
    private let count = Atomic<Int>(0)

    var pending: Int { count.load(ordering: .relaxed) }
    func added() { count.add(1, ordering: .relaxed) }
    func written() { count.subtract(1, ordering: .relaxed) }
}

/// An open watch: what it selects and where its frames go.
struct WatchSubscription: Sendable {
    var resource: FakeResource
    /// nil watches every namespace.
    var namespace: String?
    var labelSelector: LabelSelector
    var fieldSelector: FieldSelector
    var continuation: AsyncStream<WatchFrame>.Continuation
    var backlog: WatchBacklog
    /// Frames allowed in flight before the watch is closed as too slow.
    var capacity: Int

    func selects(_ object: JSONValue, key: ObjectKey) -> Bool {
        if let namespace, key.namespace != namespace { return false }
        return labelSelector.matches(object.labels) && fieldSelector.matches(name: key.name, namespace: key.namespace)
    }

    /// The frame this watcher sees for an event, if any. Like kube-apiserver's cacher,
    /// an object that starts matching the selectors is ADDED and one that stops matching
    /// is DELETED.
    func frame(for event: RecordedEvent) -> WatchFrame? {
        guard event.resource == resource else { return nil }
        let matchesNow = selects(event.object, key: event.key)
        switch event.type {
        case .added, .deleted:
            return matchesNow ? WatchFrame(type: event.type.rawValue, object: event.object) : nil
        case .modified:
            let matchedBefore = event.previous.map { selects($0, key: event.key) } ?? false
            switch (matchedBefore, matchesNow) {
            case (true, true): return WatchFrame(type: WatchEventType.modified.rawValue, object: event.object)
            case (false, true): return WatchFrame(type: WatchEventType.added.rawValue, object: event.object)
            case (true, false): return WatchFrame(type: WatchEventType.deleted.rawValue, object: event.object)
            case (false, false): return nil
            }
        }
    }
}
