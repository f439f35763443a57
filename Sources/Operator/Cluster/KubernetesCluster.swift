import KubernetesClient
import Logging

/// ``Cluster`` over a real API server: reads and writes through `KubernetesClient`,
/// watches through informers (one per watched namespace, or one for all namespaces),
/// writes with server-side apply as field manager `vigil`.
public final class KubernetesCluster: Cluster {
    let client: KubernetesClient
    let logger: Logger
    let informerOptions: InformerOptions

    /// Tuning of the informers behind ``watch(_:scope:onEvent:)``.
    public struct InformerOptions: Sendable {
        public var pageSize: Int
        public var watchTimeout: ClosedRange<Int>
        public init(pageSize: Int = 500, watchTimeout: ClosedRange<Int> = 300...600) {
            self.pageSize = pageSize
            self.watchTimeout = watchTimeout
        }
    }

    public init(client: KubernetesClient, informerOptions: InformerOptions = InformerOptions(), logger: Logger) {
        self.client = client
        self.informerOptions = informerOptions
        self.logger = logger
    }

    public func list<T: KubernetesResource>(_ type: T.Type, namespace: String?) async throws -> [T] {
        do {
            return try await client.api(T.self, namespace: namespace).listAll().items.sorted { $0.key < $1.key }
        } catch {
            throw ClusterError.api(error)
        }
    }

    public func get<T: KubernetesResource>(_ type: T.Type, _ key: ObjectKey) async throws -> T? {
        do {
            return try await client.api(T.self, namespace: key.namespace.isEmpty ? nil : key.namespace).get(key.name)
        } catch where error.isNotFound {
            return nil
        } catch {
            throw ClusterError.api(error)
        }
    }

    public func watch<T: KubernetesResource>(
        _ type: T.Type, scope: WatchScope, onEvent: @escaping @Sendable (ClusterEvent<T>) -> Void
    ) async {
        var namespaces: [String?] = [nil]
        if T.resource.namespaced, let names = scope.namespaces { namespaces = names.map { $0 } }
        let handler: Informer<T>.Handler = { event in
            switch event {
            case .added(let object), .updated(_, let object): onEvent(.upserted(object))
            case .deleted(let object): onEvent(.deleted(object))
            }
        }
        let informers = namespaces.map { namespace in
            Informer(
                api: client.api(T.self, namespace: namespace),
                options: Informer<T>.Options(labelSelector: scope.labelSelector, pageSize: informerOptions.pageSize,
                                             watchTimeout: informerOptions.watchTimeout),
                logger: logger, handlers: [handler])
        }
        await withDiscardingTaskGroup { group in
            for informer in informers {
                group.addTask { await informer.run() }
            }
            group.addTask {
                for informer in informers { await informer.waitUntilSynced() }
                if !Task.isCancelled { onEvent(.synced) }
            }
        }
    }

    @discardableResult
    public func apply<T: KubernetesResource>(_ object: T) async throws -> T {
        do {
            return try await client.api(T.self, namespace: object.metadata.namespace).apply(object, fieldManager: "vigil")
        } catch {
            throw ClusterError.api(error)
        }
    }

    public func applyStatus<T: KubernetesResource>(_ type: T.Type, _ key: ObjectKey, status: JSONValue) async throws {
        let kind = T.resource
        var metadata: JSONValue = ["name": .string(key.name)]
        if kind.namespaced { metadata["namespace"] = .string(key.namespace) }
        let body = DynamicObject([
            "apiVersion": .string(kind.apiVersion), "kind": .string(kind.kind), "metadata": metadata, "status": status,
        ])
        do {
            _ = try await client.api(dynamic: kind, namespace: kind.namespaced ? key.namespace : nil)
                .applyStatus(body, fieldManager: "vigil")
        } catch {
            throw ClusterError.api(error)
        }
    }

    public func delete<T: KubernetesResource>(_ type: T.Type, _ key: ObjectKey) async throws {
        do {
            try await client.api(T.self, namespace: key.namespace.isEmpty ? nil : key.namespace).delete(key.name)
        } catch where error.isNotFound {
            return
        } catch {
            throw ClusterError.api(error)
        }
    }

    public func record(_ event: Event) async throws {
        do {
            _ = try await client.api(Event.self, namespace: event.metadata.namespace).create(event)
        } catch {
            throw ClusterError.api(error)
        }
    }
}
