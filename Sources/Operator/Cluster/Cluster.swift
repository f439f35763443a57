import KubernetesClient

/// What the reconcilers need from a Kubernetes API: read, watch, server-side apply (field
/// manager `vigil`), status, delete and Events.
///
/// Two implementations run the same reconcilers: ``KubernetesCluster`` talks to a real
/// API server through informers, ``InMemoryCluster`` keeps objects in memory for
/// `vigil demo` and fast tests. Errors thrown are ``ClusterError``.
public protocol Cluster: Sendable {
    /// Every object of a kind, in one namespace or in all (`nil`), sorted by key.
    func list<T: KubernetesResource>(_ type: T.Type, namespace: String?) async throws -> [T]

    /// One object, or `nil` when it does not exist.
    func get<T: KubernetesResource>(_ type: T.Type, _ key: ObjectKey) async throws -> T?

    /// Delivers the objects of a kind to `onEvent` until the calling task is cancelled:
    /// first every existing object as `.upserted`, then `.synced`, then changes. After
    /// a relist the cluster reports objects that vanished meanwhile as `.deleted`.
    func watch<T: KubernetesResource>(
        _ type: T.Type, scope: WatchScope, onEvent: @escaping @Sendable (ClusterEvent<T>) -> Void) async

    /// Server-side apply: `object` is the whole intent of field manager `vigil`. Writes
    /// nothing when the object already looks like this.
    @discardableResult
    func apply<T: KubernetesResource>(_ object: T) async throws -> T

    /// Replaces `.status` through the status subresource.
    func applyStatus<T: KubernetesResource>(_ type: T.Type, _ key: ObjectKey, status: JSONValue) async throws

    /// Deletes an object (its dependents are garbage-collected); a missing object is fine.
    func delete<T: KubernetesResource>(_ type: T.Type, _ key: ObjectKey) async throws

    /// Creates an events.k8s.io/v1 Event.
    func record(_ event: Event) async throws
}

/// Which objects a watch delivers.
public struct WatchScope: Sendable, Hashable {
    /// Namespaces to watch; `nil` for all of them (and for cluster-scoped kinds).
    public var namespaces: [String]?
    /// Only objects whose labels match this selector (kubectl syntax), filtered by the API
    /// server; `nil` for all.
    public var labelSelector: String?

    public init(namespaces: [String]? = nil, labelSelector: String? = nil) {
        self.namespaces = namespaces
        self.labelSelector = labelSelector
    }

    /// Every namespace.
    public static let all = WatchScope()

    /// Whether an object in `namespace` is in scope (cluster-scoped objects always are).
    public func contains(namespace: String) -> Bool {
        guard let namespaces, !namespace.isEmpty else { return true }
        return namespaces.contains(namespace)
    }
}

/// One change seen by ``Cluster/watch(_:scope:onEvent:)``.
public enum ClusterEvent<T: KubernetesResource>: Sendable {
    /// The object was added or changed (or listed).
    case upserted(T)
    /// The object is gone; the value is its last known state.
    case deleted(T)
    /// The initial list is complete: the cache now holds everything.
    case synced
}

/// Why a cluster operation failed.
public enum ClusterError: Error, Sendable, CustomStringConvertible {
    /// The object does not exist.
    case notFound(kind: String, key: ObjectKey)
    /// The object was refused (bad name, missing field…).
    case invalid(kind: String, key: ObjectKey, message: String)
    /// The API server answered with an error or could not be reached.
    case api(KubernetesError)

    public var description: String {
        switch self {
        case .notFound(let kind, let key): "\(kind) \"\(key)\" not found"
        case .invalid(let kind, let key, let message): "\(kind) \"\(key)\" is invalid: \(message)"
        case .api(let error): error.description
        }
    }

    /// True when the object does not exist.
    public var isNotFound: Bool {
        switch self {
        case .notFound: true
        case .api(let error): error.isNotFound
        case .invalid: false
        }
    }
}
