import Foundation
import KubernetesClient
@testable import Operator
import Testing
import TSDB

/// A cluster whose ServiceMonitor CRD has no status subresource, as prometheus-operator
/// ships it: `/status` answers 404 while the object exists.
struct StatuslessServiceMonitors: Cluster {
    let inner: InMemoryCluster

    func list<T: KubernetesResource>(_ type: T.Type, namespace: String?) async throws -> [T] {
        try await inner.list(type, namespace: namespace)
    }
    func get<T: KubernetesResource>(_ type: T.Type, _ key: ObjectKey) async throws -> T? {
        try await inner.get(type, key)
    }
    func watch<T: KubernetesResource>(
        _ type: T.Type, scope: WatchScope, onEvent: @escaping @Sendable (ClusterEvent<T>) -> Void) async {
        await inner.watch(type, scope: scope, onEvent: onEvent)
    }
    func apply<T: KubernetesResource>(_ object: T) async throws -> T { try await inner.apply(object) }
    func applyStatus<T: KubernetesResource>(_ type: T.Type, _ key: ObjectKey, status: JSONValue) async throws {
        if T.resource.kind == ServiceMonitorObject.resource.kind {
            throw ClusterError.notFound(kind: T.resource.kind, key: key)
        }
        try await inner.applyStatus(type, key, status: status)
    }
    func delete<T: KubernetesResource>(_ type: T.Type, _ key: ObjectKey) async throws { try await inner.delete(type, key) }
    func record(_ event: Event) async throws { try await inner.record(event) }
}

@Suite("kinds without a status subresource")
struct StatuslessClusterTests {
    @Test("conditions still reach the user as Events, and the rest of the reconcile goes on")
    func eventsOnly() async throws {
        let inner = InMemoryCluster()
        let cluster = StatuslessServiceMonitors(inner: inner)
        let engine = ScrapeEngine(storage: TimeSeriesStore(), client: FakeScrapeClient(),
                                  now: { Int64(Date().timeIntervalSince1970 * 1000) }, logger: quietLogger)
        let options = OperatorOptions(operatorNamespace: "vigil-system", statusResync: .milliseconds(200))
        let controller = Controller(cluster: cluster, engine: engine, options: options, logger: quietLogger)
        try await inner.apply(Namespace(metadata: ObjectMeta(name: "vigil-system")))
        try await inner.apply(Fixture.service)
        try await inner.apply(Fixture.endpointSlice)
        try await inner.apply(Fixture.pod)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await engine.run() }
            group.addTask { await controller.run() }
            defer { group.cancelAll() }
            let monitor = try await inner.apply(Fixture.monitor())
            #expect(try await eventually {
                try await inner.list(Event.self, namespace: Fixture.namespace)
                    .contains { $0.regarding?.name == monitor.metadata.name && ($0.note ?? "").hasPrefix("Accepted=True") }
            })
            let secretKey = ObjectKey(namespace: "vigil-system", name: OperatorOptions.configSecretName)
            #expect(try await inner.get(Secret.self, secretKey) != nil, "the config Secret is still written")
            #expect(try await inner.get(ServiceMonitorObject.self, monitor.key)?.status == nil)
        }
    }
}
