import Synchronization

/// An informer's cache: objects by namespace/name, with an index by label so a selector
/// lookup does not scan every object. Many readers, one writer (its informer).
public final class ObjectStore<T: KubernetesResource>: Sendable {
    private struct State {
        var objects: [ObjectKey: T] = [:]
        /// label name → label value → keys.
        var labelIndex: [String: [String: Set<ObjectKey>]] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// The cached object, or `nil`. The cache may lag the server by a watch event.
    public func get(_ key: ObjectKey) -> T? { state.withLock { $0.objects[key] } }

    public var count: Int { state.withLock { $0.objects.count } }

    public var keys: [ObjectKey] { state.withLock { Array($0.objects.keys) } }

    /// All cached objects, optionally in one namespace, sorted by key.
    public func list(namespace: String? = nil) -> [T] {
        state.withLock { state in
            state.objects.filter { namespace == nil || $0.key.namespace == namespace }
                .sorted { $0.key < $1.key }.map(\.value)
        }
    }

    /// Objects whose labels include every pair of `labels` (a matchLabels selector), via
    /// the index.
    public func list(matchingLabels labels: [String: String], namespace: String? = nil) -> [T] {
        state.withLock { state in
            var candidates: Set<ObjectKey>?
            for (name, value) in labels {
                let keys = state.labelIndex[name]?[value] ?? []
                candidates = candidates.map { $0.intersection(keys) } ?? keys
                if candidates?.isEmpty == true { return [] }
            }
            let keys = candidates.map(Array.init) ?? Array(state.objects.keys)
            return keys.filter { namespace == nil || $0.namespace == namespace }.sorted()
                .compactMap { state.objects[$0] }
        }
    }

    /// Keys of objects that carry label `name` (with any value).
    public func keys(withLabel name: String) -> Set<ObjectKey> {
        state.withLock { state in
            (state.labelIndex[name] ?? [:]).values.reduce(into: Set<ObjectKey>()) { $0.formUnion($1) }
        }
    }

    // MARK: Writer side (the informer)

    /// Inserts or replaces; returns the previous object.
    @discardableResult
    func upsert(_ object: T) -> T? {
        state.withLock { state in
            let key = object.key
            let old = state.objects.updateValue(object, forKey: key)
            if let old { Self.unindex(old, key: key, in: &state.labelIndex) }
            Self.index(object, key: key, in: &state.labelIndex)
            return old
        }
    }

    /// Removes; returns the removed object.
    @discardableResult
    func remove(_ key: ObjectKey) -> T? {
        state.withLock { state in
            guard let old = state.objects.removeValue(forKey: key) else { return nil }
            Self.unindex(old, key: key, in: &state.labelIndex)
            return old
        }
    }

    /// Replaces the whole content with a fresh list and returns what changed, so the
    /// informer can tell its handlers: an object absent from the list is gone.
    func replace(with objects: [T]) -> [InformerEvent<T>] {
        state.withLock { state in
            var events: [InformerEvent<T>] = []
            var fresh: [ObjectKey: T] = [:]
            fresh.reserveCapacity(objects.count)
            for object in objects { fresh[object.key] = object }
            for (key, old) in state.objects where fresh[key] == nil {
                events.append(.deleted(old))
            }
            for (key, object) in fresh {
                if let old = state.objects[key] {
                    if old.metadata.resourceVersion != object.metadata.resourceVersion {
                        events.append(.updated(old: old, new: object))
                    }
                } else {
                    events.append(.added(object))
                }
            }
            state.objects = fresh
            state.labelIndex = [:]
            for (key, object) in fresh { Self.index(object, key: key, in: &state.labelIndex) }
            return events
        }
    }

    private static func index(_ object: T, key: ObjectKey, in index: inout [String: [String: Set<ObjectKey>]]) {
        for (name, value) in object.metadata.labels ?? [:] {
            index[name, default: [:]][value, default: []].insert(key)
        }
    }

    private static func unindex(_ object: T, key: ObjectKey, in index: inout [String: [String: Set<ObjectKey>]]) {
        for (name, value) in object.metadata.labels ?? [:] {
            index[name]?[value]?.remove(key)
            if index[name]?[value]?.isEmpty == true { index[name]?[value] = nil }
            if index[name]?.isEmpty == true { index[name] = nil }
        }
    }
}

/// A change seen by an informer, delivered to its handlers after the cache has it.
public enum InformerEvent<T: KubernetesResource>: Sendable {
    case added(T)
    case updated(old: T, new: T)
    case deleted(T)

    /// The object as it is now (the last state, for deletions).
    public var object: T {
        switch self {
        case .added(let object), .deleted(let object): object
        case .updated(_, let new): new
        }
    }
}
