import KubernetesClient
import Synchronization

/// The reconcilers' read cache of one kind, filled by ``Cluster/watch(_:scope:onEvent:)``.
/// Reads are synchronous snapshots and may lag the cluster by an event.
public final class ObjectCache<T: KubernetesResource>: Sendable {
    private struct State {
        var objects: [ObjectKey: T] = [:]
        var synced = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    public init() {}

    public func get(_ key: ObjectKey) -> T? { state.withLock { $0.objects[key] } }

    /// Objects in `namespace` (or all), sorted by key.
    public func list(namespace: String? = nil) -> [T] {
        state.withLock { state in
            state.objects.values.filter { namespace == nil || $0.metadata.namespace == namespace }
        }.sorted { $0.key < $1.key }
    }

    public var count: Int { state.withLock { $0.objects.count } }

    public var hasSynced: Bool { state.withLock { $0.synced } }

    /// Returns once the first full list is in.
    public func waitUntilSynced() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                if state.synced { return true }
                state.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    /// Applies one event; returns the previous object for upserts and deletes.
    @discardableResult
    func apply(_ event: ClusterEvent<T>) -> T? {
        switch event {
        case .upserted(let object):
            return state.withLock { $0.objects.updateValue(object, forKey: object.key) }
        case .deleted(let object):
            return state.withLock { $0.objects.removeValue(forKey: object.key) }
        case .synced:
            let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.synced = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
            return nil
        }
    }
}
