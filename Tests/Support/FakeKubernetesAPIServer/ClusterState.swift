import Foundation

/// Everything the fake API server stores, as one value guarded by the server's lock.
/// Writes are `mutating` functions that either throw an `APIStatusError` and leave the
/// state untouched, or commit and append to `pendingEvents`, which the server delivers
/// to watchers before releasing the lock.
struct ClusterState {
    struct StoredObject {
        var object: JSONValue
        var ownership = FieldOwnership()
    }

    /// Sources of time and randomness, injected so tests can pin them.
    struct Environment: Sendable {
        var now: @Sendable () -> Date
        var newUID: @Sendable () -> String
        var randomSuffix: @Sendable () -> String
    }

    private(set) var resources: [String: FakeResource] = [:]
    var stores: [String: [ObjectKey: StoredObject]] = [:]
    /// The last resourceVersion handed out; one counter over every kind.
    private(set) var resourceVersion: Int64 = 0
    private(set) var history: [RecordedEvent] = []
    /// Every event with a resourceVersion above this one is still in `history`.
    private(set) var historyStartVersion: Int64 = 0
    let historyLimit: Int
    let environment: Environment
    var pendingEvents: [RecordedEvent] = []

    init(resources: [FakeResource], historyLimit: Int, environment: Environment) {
        self.historyLimit = max(1, historyLimit)
        self.environment = environment
        for resource in resources { register(resource) }
    }

    static func id(group: String, plural: String) -> String { "\(group)/\(plural)" }

    mutating func register(_ resource: FakeResource) {
        let id = Self.id(group: resource.group, plural: resource.plural)
        resources[id] = resource
        if stores[id] == nil { stores[id] = [:] }
    }

    func resource(group: String, version: String, plural: String) -> FakeResource? {
        guard let resource = resources[Self.id(group: group, plural: plural)], resource.version == version else {
            return nil
        }
        return resource
    }

    var namespaceResource: FakeResource? { resources[Self.id(group: "", plural: "namespaces")] }

    func stored(_ resource: FakeResource, _ key: ObjectKey) -> StoredObject? {
        stores[Self.id(group: resource.group, plural: resource.plural)]?[key]
    }

    func objects(_ resource: FakeResource) -> [ObjectKey: StoredObject] {
        stores[Self.id(group: resource.group, plural: resource.plural)] ?? [:]
    }

    func namespaceExists(_ name: String) -> Bool {
        guard let namespaces = namespaceResource else { return true }
        return stored(namespaces, ObjectKey(namespace: "", name: name)) != nil
    }

    // MARK: Committing

    mutating func nextResourceVersion() -> Int64 {
        resourceVersion += 1
        return resourceVersion
    }

    /// Stores `object` under a fresh resourceVersion and records the event.
    @discardableResult
    mutating func commit(
        _ type: WatchEventType, _ resource: FakeResource, _ key: ObjectKey, object: JSONValue,
        ownership: FieldOwnership, previous: JSONValue?
    ) -> JSONValue {
        var object = object
        let version = nextResourceVersion()
        object.setValue(.string(String(version)), at: ["metadata", "resourceVersion"])
        let id = Self.id(group: resource.group, plural: resource.plural)
        if type == .deleted {
            stores[id]?[key] = nil
        } else {
            stores[id, default: [:]][key] = StoredObject(object: object, ownership: ownership)
        }
        record(RecordedEvent(
            type: type, resource: resource, key: key, object: object, previous: previous, resourceVersion: version))
        return object
    }

    private mutating func record(_ event: RecordedEvent) {
        history.append(event)
        pendingEvents.append(event)
        // Trim in batches so appends stay amortised O(1).
        if history.count >= historyLimit * 2 {
            let dropCount = history.count - historyLimit
            historyStartVersion = history[dropCount - 1].resourceVersion
            history.removeFirst(dropCount)
        }
    }

    /// Events with a resourceVersion above `version`, oldest first, or nil if some of them
    /// are no longer retained.
    func events(after version: Int64) -> ArraySlice<RecordedEvent>? {
        guard version >= effectiveHistoryStart else { return nil }
        let start = history.firstIndex { $0.resourceVersion > version } ?? history.endIndex
        return history[start...]
    }

    /// The oldest resourceVersion a watch or continue token may still start from.
    var effectiveHistoryStart: Int64 {
        // Only the newest `historyLimit` events count as retained, even before trimming.
        if history.count > historyLimit {
            return history[history.count - historyLimit - 1].resourceVersion
        }
        return historyStartVersion
    }

    /// Forgets all history, so any resourceVersion older than the current one is too old.
    mutating func compactHistory() {
        history.removeAll()
        historyStartVersion = resourceVersion
    }

    // MARK: Timestamps and names

    func timestamp() -> String {
        environment.now().formatted(.iso8601)
    }
}
