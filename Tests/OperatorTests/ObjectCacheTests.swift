import KubernetesClient
import Testing
@testable import Operator

@Suite("ObjectCache")
struct ObjectCacheTests {
    static func service(_ name: String, namespace: String, labels: [String: String]) -> Service {
        Service(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels))
    }

    @Test("a task waiting for the first list returns when it is cancelled, and waiting after the list returns at once")
    func waitingIsCancellable() async {
        let cache = ObjectCache<Service>()
        let waiter = Task { await cache.waitUntilSynced() }
        waiter.cancel()
        await waiter.value
        #expect(!cache.hasSynced)
        cache.apply(.synced)
        await cache.waitUntilSynced()
        #expect(cache.hasSynced)
    }

    @Test("waiters resume when the list completes")
    func waitersResumeOnSync() async {
        let cache = ObjectCache<Service>()
        async let first: Void = cache.waitUntilSynced()
        async let second: Void = cache.waitUntilSynced()
        try? await Task.sleep(for: .milliseconds(20))
        cache.apply(.synced)
        _ = await (first, second)
        #expect(cache.hasSynced)
    }

    @Test("namespace and index lookups follow upserts, relabels and deletes, sorted by key")
    func indexesFollowChanges() {
        let cache = ObjectCache<Service>(index: CacheIndexes.serviceLabels)
        cache.apply(.upserted(Self.service("b", namespace: "one", labels: ["app": "web"])))
        cache.apply(.upserted(Self.service("a", namespace: "one", labels: ["app": "web"])))
        cache.apply(.upserted(Self.service("c", namespace: "two", labels: ["app": "db"])))
        #expect(cache.list(namespace: "one").map(\.key.name) == ["a", "b"])
        #expect(cache.list(indexValue: "app=web").map(\.key.name) == ["a", "b"])
        cache.apply(.upserted(Self.service("b", namespace: "one", labels: ["app": "db"])))
        #expect(cache.list(indexValue: "app=web").map(\.key.name) == ["a"])
        #expect(cache.list(indexValue: "app=db").map(\.key.description) == ["one/b", "two/c"])
        cache.apply(.deleted(Self.service("c", namespace: "two", labels: ["app": "db"])))
        #expect(cache.list(namespace: "two").isEmpty)
        #expect(cache.list(indexValue: "app=db").map(\.key.description) == ["one/b"])
        #expect(cache.list().map(\.key.description) == ["one/a", "one/b"])
    }
}
