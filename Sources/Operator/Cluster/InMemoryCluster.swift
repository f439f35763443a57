import Foundation
import KubernetesClient
import Monitoring
import Synchronization

/// A cluster held in memory, for `vigil demo` and tests: the API server's rules that
/// reconcilers rely on, without a server. resourceVersion grows with every write;
/// `metadata.generation` starts at 1 and grows when anything but metadata and status
/// changes; kinds with a status subresource (``StatusSubresource``) keep `.status` out of
/// `apply`; watches see every change; deleting an owner garbage-collects its dependents
/// (those left without any existing owner); an apply that changes nothing writes nothing.
///
/// ```swift
/// let cluster = InMemoryCluster()
/// try await cluster.apply(ConfigMap(metadata: ObjectMeta(name: "a", namespace: "demo")))
/// ```
public final class InMemoryCluster: Cluster {
    struct Stored: Sendable {
        var kind: ResourceKind
        var object: JSONValue
    }

    enum Change: Sendable {
        case upserted(JSONValue)
        case deleted(JSONValue)
    }

    struct State {
        var resourceVersion: Int64 = 0
        var objects: [ResourceKind: [ObjectKey: JSONValue]] = [:]
        var watchers: [ResourceKind: [Int: AsyncStream<Change>.Continuation]] = [:]
        var nextWatcher = 0
        var writes = 0
    }

    let state = Mutex(State())
    let now: @Sendable () -> Date

    /// - Parameter now: the wall clock for `creationTimestamp`.
    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// Number of writes that changed something (apply, status, delete, events); tests use
    /// it to check that an unchanged input writes nothing.
    public var writeCount: Int { state.withLock { $0.writes } }

    // MARK: Cluster

    public func list<T: KubernetesResource>(_ type: T.Type, namespace: String?) async throws -> [T] {
        let raw = state.withLock { state in
            (state.objects[T.resource] ?? [:]).filter { namespace == nil || $0.key.namespace == namespace }
                .sorted { $0.key < $1.key }.map(\.value)
        }
        return try raw.map { try Self.decode(T.self, $0) }
    }

    public func get<T: KubernetesResource>(_ type: T.Type, _ key: ObjectKey) async throws -> T? {
        let key = Self.normalized(key, T.resource)
        guard let raw = state.withLock({ $0.objects[T.resource]?[key] }) else { return nil }
        return try Self.decode(T.self, raw)
    }

    public func watch<T: KubernetesResource>(
        _ type: T.Type, scope: WatchScope, onEvent: @escaping @Sendable (ClusterEvent<T>) -> Void
    ) async {
        let kind = T.resource
        let (stream, continuation) = AsyncStream.makeStream(of: Change.self)
        // Register and snapshot under one lock so no change falls between the two.
        let (id, snapshot) = state.withLock { state -> (Int, [JSONValue]) in
            let id = state.nextWatcher
            state.nextWatcher += 1
            state.watchers[kind, default: [:]][id] = continuation
            return (id, (state.objects[kind] ?? [:]).sorted { $0.key < $1.key }.map(\.value))
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.watchers[kind]?.removeValue(forKey: id) }
        }
        for raw in snapshot {
            if let object = Self.inScope(T.self, raw, scope) { onEvent(.upserted(object)) }
        }
        onEvent(.synced)
        // Ends when the task is cancelled: AsyncStream iteration returns nil then.
        for await change in stream {
            switch change {
            case .upserted(let raw):
                if let object = Self.inScope(T.self, raw, scope) { onEvent(.upserted(object)) }
            case .deleted(let raw):
                if let object = Self.inScope(T.self, raw, scope) { onEvent(.deleted(object)) }
            }
        }
        continuation.finish()
    }

    @discardableResult
    public func apply<T: KubernetesResource>(_ object: T) async throws -> T {
        let kind = T.resource
        var proposed = try Self.encode(object, kind)
        guard let name = object.metadata.name, !name.isEmpty else {
            throw ClusterError.invalid(kind: kind.kind, key: object.key, message: "metadata.name: Required value")
        }
        if kind.namespaced, (object.metadata.namespace ?? "").isEmpty {
            throw ClusterError.invalid(kind: kind.kind, key: object.key, message: "metadata.namespace: Required value")
        }
        let key = Self.normalized(object.key, kind)
        let timestamp = JSONValue.string(Time(now()).description)
        let stored = state.withLock { state -> JSONValue in
            let existing = state.objects[kind]?[key]
            proposed = Self.merge(proposed: proposed, existing: existing, kind: kind, timestamp: timestamp)
            if let existing, Self.withoutResourceVersion(existing) == Self.withoutResourceVersion(proposed) {
                return existing
            }
            return commit(&state, kind: kind, key: key, object: proposed)
        }
        return try Self.decode(T.self, stored)
    }

    public func applyStatus<T: KubernetesResource>(_ type: T.Type, _ key: ObjectKey, status: JSONValue) async throws {
        let kind = T.resource
        let key = Self.normalized(key, kind)
        try state.withLock { state throws(ClusterError) in
            guard var object = state.objects[kind]?[key] else { throw .notFound(kind: kind.kind, key: key) }
            guard object["status"] != status else { return }
            object["status"] = status
            _ = commit(&state, kind: kind, key: key, object: object)
        }
    }

    public func delete<T: KubernetesResource>(_ type: T.Type, _ key: ObjectKey) async throws {
        let key = Self.normalized(key, T.resource)
        state.withLock { state in removeAndCollect(&state, kind: T.resource, key: key) }
    }

    public func record(_ event: Event) async throws {
        var event = event
        if event.metadata.name == nil {
            let regarding = event.regarding?.name ?? "vigil"
            event.metadata.name = "\(regarding).\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
        }
        try await apply(event)
    }

    // MARK: Writes (under the lock)

    /// Stores `object` with the next resourceVersion and tells the watchers.
    func commit(_ state: inout State, kind: ResourceKind, key: ObjectKey, object: JSONValue) -> JSONValue {
        state.resourceVersion += 1
        state.writes += 1
        var object = object
        object.setValue(.string(String(state.resourceVersion)), at: ["metadata", "resourceVersion"])
        state.objects[kind, default: [:]][key] = object
        for watcher in (state.watchers[kind] ?? [:]).values { watcher.yield(.upserted(object)) }
        return object
    }

    /// Fills in what the server owns (uid, creationTimestamp, generation, status of a
    /// status subresource) from the stored object, bumping generation on a spec change.
    static func merge(proposed: JSONValue, existing: JSONValue?, kind: ResourceKind, timestamp: JSONValue) -> JSONValue {
        var merged = proposed
        let hasStatus = StatusSubresource.kinds.contains(kind)
        guard let existing else {
            merged.setValue(.string(UUID().uuidString.lowercased()), at: ["metadata", "uid"])
            merged.setValue(timestamp, at: ["metadata", "creationTimestamp"])
            if hasStatus {
                merged["status"] = nil
                merged.setValue(.int(1), at: ["metadata", "generation"])
            }
            return merged
        }
        for field in ["uid", "creationTimestamp", "resourceVersion", "generation"] {
            merged.setValue(existing.value(at: ["metadata", field]), at: ["metadata", field])
        }
        if hasStatus {
            merged["status"] = existing["status"]
            if specPart(merged) != specPart(existing) {
                let generation = existing.value(at: ["metadata", "generation"])?.int64Value ?? 0
                merged.setValue(.int(generation + 1), at: ["metadata", "generation"])
            }
        }
        return merged
    }

    /// Everything but metadata and status: what `generation` tracks.
    static func specPart(_ object: JSONValue) -> JSONValue {
        var copy = object
        copy["metadata"] = nil
        copy["status"] = nil
        return copy
    }

    static func withoutResourceVersion(_ object: JSONValue) -> JSONValue {
        var copy = object
        copy.setValue(nil, at: ["metadata", "resourceVersion"])
        return copy
    }

    // MARK: Coding

    static func normalized(_ key: ObjectKey, _ kind: ResourceKind) -> ObjectKey {
        kind.namespaced ? key : ObjectKey(namespace: nil, name: key.name)
    }

    static func encode<T: KubernetesResource>(_ object: T, _ kind: ResourceKind) throws -> JSONValue {
        var value: JSONValue
        do {
            // Members the type did not model are not kept: the in-memory cluster only ever
            // holds what was applied through these types.
            value = try JSONCoding.encode(object)
        } catch {
            throw ClusterError.invalid(kind: kind.kind, key: object.key, message: "cannot encode: \(error)")
        }
        value["apiVersion"] = .string(kind.apiVersion)
        value["kind"] = .string(kind.kind)
        return value
    }

    static func decode<T: KubernetesResource>(_ type: T.Type, _ value: JSONValue) throws -> T {
        do {
            var (object, retained) = try JSONCoding.decodeRetaining(T.self, from: value)
            object.retainedFields = retained
            return object
        } catch {
            let key = ObjectKey(namespace: value.value(at: ["metadata", "namespace"])?.stringValue,
                                name: value.value(at: ["metadata", "name"])?.stringValue ?? "")
            throw ClusterError.invalid(kind: T.resource.kind, key: key, message: JSONCoding.describe(error))
        }
    }

    static func inScope<T: KubernetesResource>(_ type: T.Type, _ raw: JSONValue, _ scope: WatchScope) -> T? {
        let namespace = raw.value(at: ["metadata", "namespace"])?.stringValue ?? ""
        guard scope.contains(namespace: namespace) else { return nil }
        if let text = scope.labelSelector {
            // An unparsable selector matches nothing, as the API server would refuse the watch.
            guard let selector = try? LabelSelector(parsing: text) else { return nil }
            let labels = (raw.value(at: ["metadata", "labels"])?.objectValue ?? [:]).compactMapValues(\.stringValue)
            guard selector.matches(labels) else { return nil }
        }
        // An object of the watched kind was stored through this type's encoder, so it
        // decodes; one that does not is skipped rather than stopping the watch.
        return try? decode(T.self, raw)
    }
}
