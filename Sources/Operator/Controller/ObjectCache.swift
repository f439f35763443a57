import KubernetesClient
import Synchronization

/// The reconcilers' read cache of one kind, filled by ``Cluster/watch(_:scope:onEvent:)``.
/// Reads are synchronous snapshots and may lag the cluster by an event.
///
/// Objects are indexed by namespace and, optionally, by values an index function derives
/// from each object (like client-go's indexers): at ten thousand objects, reconcilers that
/// scan and sort the whole cache on every event spend all their time doing so.
public final class ObjectCache<T: KubernetesResource>: Sendable {
    /// Values an object is found under with ``list(indexValue:)``.
    public typealias IndexFunction = @Sendable (T) -> [String]

    private struct State {
        var objects: [ObjectKey: T] = [:]
        var byNamespace: [String: Set<ObjectKey>] = [:]
        var byIndexValue: [String: Set<ObjectKey>] = [:]
        var synced = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())
    private let indexValues: IndexFunction?

    /// - Parameter index: derives the values each object is listed under in
    ///   ``list(indexValue:)``; `nil` for no secondary index.
    public init(index: IndexFunction? = nil) {
        self.indexValues = index
    }

    public func get(_ key: ObjectKey) -> T? { state.withLock { $0.objects[key] } }

    /// Objects in `namespace` (or all), sorted by key.
    public func list(namespace: String? = nil) -> [T] {
        state.withLock { state in
            guard let namespace else { return Self.sorted(state.objects.lazy.map { ($0.key, $0.value) }) }
            let objects = state.objects
            return Self.sorted((state.byNamespace[namespace] ?? []).compactMap { key in objects[key].map { (key, $0) } })
        }
    }

    /// Objects whose index function returned `value`, sorted by key; empty without an index.
    public func list(indexValue value: String) -> [T] {
        state.withLock { state in
            let objects = state.objects
            return Self.sorted((state.byIndexValue[value] ?? []).compactMap { key in objects[key].map { (key, $0) } })
        }
    }

    /// Keys of every object, unsorted (cheaper than ``list(namespace:)`` when only keys matter).
    public var keys: [ObjectKey] { state.withLock { Array($0.objects.keys) } }

    public var count: Int { state.withLock { $0.objects.count } }

    public var hasSynced: Bool { state.withLock { $0.synced } }

    /// Returns once the first full list is in, or when the calling task is cancelled (a
    /// shutdown before the first list must not wait for it).
    public func waitUntilSynced() async {
        let token = state.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.synced || Task.isCancelled { return true }
                    state.waiters[token] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: token) }?.resume()
        }
    }

    /// Applies one event; returns the previous object for upserts and deletes.
    @discardableResult
    func apply(_ event: ClusterEvent<T>) -> T? {
        switch event {
        case .upserted(let object):
            let key = object.key
            let values = indexValues?(object) ?? []
            return state.withLock { state in
                let previous = state.objects.updateValue(object, forKey: key)
                if let previous { unindex(previous, key: key, from: &state) }
                state.byNamespace[key.namespace, default: []].insert(key)
                for value in values { state.byIndexValue[value, default: []].insert(key) }
                return previous
            }
        case .deleted(let object):
            let key = object.key
            return state.withLock { state in
                guard let previous = state.objects.removeValue(forKey: key) else { return nil }
                unindex(previous, key: key, from: &state)
                return previous
            }
        case .synced:
            let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.synced = true
                defer { state.waiters = [:] }
                return Array(state.waiters.values)
            }
            for waiter in waiters { waiter.resume() }
            return nil
        }
    }

    private func unindex(_ object: T, key: ObjectKey, from state: inout State) {
        state.byNamespace[key.namespace]?.remove(key)
        if state.byNamespace[key.namespace]?.isEmpty == true { state.byNamespace[key.namespace] = nil }
        for value in indexValues?(object) ?? [] {
            state.byIndexValue[value]?.remove(key)
            if state.byIndexValue[value]?.isEmpty == true { state.byIndexValue[value] = nil }
        }
    }

    /// Sorts by the stored keys: `KubernetesResource.key` builds a new key on every call,
    /// which made sorting by it the hottest path of a reconcile.
    private static func sorted(_ entries: some Sequence<(ObjectKey, T)>) -> [T] {
        entries.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
