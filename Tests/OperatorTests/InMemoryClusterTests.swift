import Foundation
import KubernetesClient
@testable import Operator
import Testing
import VigilTestSupport

@Suite("in-memory cluster")
struct InMemoryClusterTests {
    @Test("generation starts at 1 and grows only when the spec changes")
    func generation() async throws {
        let cluster = InMemoryCluster()
        var monitor = Fixture.monitor()
        let created = try await cluster.apply(monitor)
        #expect(created.metadata.generation == 1)
        monitor.metadata.labels = ["team": "other"]
        #expect(try await cluster.apply(monitor).metadata.generation == 1)
        monitor.spec?["jobLabel"] = "app"
        #expect(try await cluster.apply(monitor).metadata.generation == 2)
    }

    @Test("an apply that changes nothing writes nothing")
    func noOpApply() async throws {
        let cluster = InMemoryCluster()
        let first = try await cluster.apply(Fixture.service)
        let writes = cluster.writeCount
        let second = try await cluster.apply(Fixture.service)
        #expect(cluster.writeCount == writes)
        #expect(first.metadata.resourceVersion == second.metadata.resourceVersion)
    }

    @Test("status is a subresource: apply keeps it, status writes change only it")
    func statusSubresource() async throws {
        let cluster = InMemoryCluster()
        var monitor = Fixture.monitor()
        try await cluster.apply(monitor)
        try await cluster.applyStatus(ServiceMonitorObject.self, monitor.key, status: ["targetsUp": 1])
        monitor.status = ["targetsUp": 5]
        let applied = try await cluster.apply(monitor)
        #expect(applied.status?["targetsUp"] == .int(1))
        #expect(applied.metadata.generation == 1)
        await #expect(throws: ClusterError.self) {
            try await cluster.applyStatus(ServiceMonitorObject.self, ObjectKey(namespace: "shop", name: "nope"), status: [:])
        }
    }

    @Test("deleting an owner garbage-collects dependents that have no other owner")
    func garbageCollection() async throws {
        let cluster = InMemoryCluster()
        let ownerA = try await cluster.apply(Fixture.rule(name: "a"))
        let ownerB = try await cluster.apply(Fixture.rule(name: "b"))
        var single = ConfigMap(metadata: ObjectMeta(name: "single", namespace: "shop"))
        single.metadata.ownerReferences = [try #require(ownerA.ownerReference(controller: false))]
        var shared = ConfigMap(metadata: ObjectMeta(name: "shared", namespace: "shop"))
        shared.metadata.ownerReferences = [try #require(ownerA.ownerReference(controller: false)),
                                           try #require(ownerB.ownerReference(controller: false))]
        try await cluster.apply(single)
        try await cluster.apply(shared)
        try await cluster.delete(PrometheusRuleObject.self, ownerA.key)
        #expect(try await cluster.get(ConfigMap.self, single.key) == nil)
        let remaining = try #require(try await cluster.get(ConfigMap.self, shared.key))
        #expect(remaining.metadata.ownerReferences?.map(\.name) == ["b"])
        try await cluster.delete(PrometheusRuleObject.self, ownerB.key)
        #expect(try await cluster.get(ConfigMap.self, shared.key) == nil)
    }

    @Test("a watch lists, reports synced, then delivers changes in its scope")
    func watch() async throws {
        let cluster = InMemoryCluster()
        try await cluster.apply(Fixture.service)
        let seen = Locked<[String]>([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await cluster.watch(Service.self, scope: WatchScope(namespaces: ["shop"])) { event in
                    let text: String
                    switch event {
                    case .upserted(let object): text = "upserted \(object.key)"
                    case .deleted(let object): text = "deleted \(object.key)"
                    case .synced: text = "synced"
                    }
                    seen.withLock { $0.append(text) }
                }
            }
            #expect(try await eventually { seen.withLock { $0.count } == 2 })
            try await cluster.apply(Service(metadata: ObjectMeta(name: "elsewhere", namespace: "other")))
            try await cluster.delete(Service.self, Fixture.service.key)
            #expect(try await eventually { seen.withLock { $0.count } == 3 })
            group.cancelAll()
        }
        #expect(seen.withLock { $0 } == ["upserted shop/checkout", "synced", "deleted shop/checkout"])
    }

    @Test("a watch with a label selector delivers only matching objects (Vigil's own ConfigMaps left out)")
    func watchWithLabelSelector() async throws {
        let cluster = InMemoryCluster()
        try await cluster.apply(Namespace(metadata: ObjectMeta(name: "shop")))
        try await cluster.apply(ConfigMap(metadata: ObjectMeta(name: "ca", namespace: "shop"), data: ["ca.crt": "x"]))
        try await cluster.apply(ConfigMap(
            metadata: ObjectMeta(name: "vigil-sm-x", namespace: "shop", labels: ["app.kubernetes.io/managed-by": "vigil"]),
            data: ["d.json": "{}"]))
        let seen = Locked<[String]>([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await cluster.watch(ConfigMap.self, scope: WatchScope(labelSelector: "app.kubernetes.io/managed-by!=vigil")) {
                    if case .upserted(let object) = $0 { seen.withLock { $0.append(object.key.description) } }
                }
            }
            try await cluster.apply(ConfigMap(
                metadata: ObjectMeta(name: "vigil-sm-y", namespace: "shop", labels: ["app.kubernetes.io/managed-by": "vigil"]),
                data: ["d.json": "{}"]))
            try await cluster.apply(ConfigMap(metadata: ObjectMeta(name: "cert", namespace: "shop"), data: ["tls.crt": "x"]))
            #expect(try await eventually { seen.withLock { $0.count } == 2 })
            group.cancelAll()
        }
        #expect(seen.withLock { $0 } == ["shop/ca", "shop/cert"])
    }
}
