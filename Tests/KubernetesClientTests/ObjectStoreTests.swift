import Testing
@testable import KubernetesClient

@Suite("object store")
struct ObjectStoreTests {
    func map(_ name: String, rv: String, labels: [String: String] = [:]) -> ConfigMap {
        var map = ConfigMap(metadata: ObjectMeta(name: name, namespace: "ns", labels: labels))
        map.metadata.resourceVersion = rv
        return map
    }

    @Test("a relist reports additions, changes and deletions")
    func relistDiff() {
        let store = ObjectStore<ConfigMap>()
        _ = store.replace(with: [map("a", rv: "1"), map("b", rv: "1")])
        let events = store.replace(with: [map("a", rv: "1"), map("b", rv: "2"), map("c", rv: "3")])
        let summary = events.map { event -> String in
            switch event {
            case .added(let o): "added \(o.metadata.name ?? "")"
            case .updated(_, let o): "updated \(o.metadata.name ?? "")"
            case .deleted(let o): "deleted \(o.metadata.name ?? "")"
            }
        }.sorted()
        #expect(summary == ["added c", "updated b"])
        #expect(store.replace(with: [map("c", rv: "3")]).count == 2)
    }

    @Test("the label index follows updates and deletions")
    func labelIndex() {
        let store = ObjectStore<ConfigMap>()
        store.upsert(map("a", rv: "1", labels: ["app": "x", "tier": "web"]))
        store.upsert(map("b", rv: "1", labels: ["app": "x"]))
        #expect(store.list(matchingLabels: ["app": "x"]).map(\.metadata.name) == ["a", "b"])
        #expect(store.list(matchingLabels: ["app": "x", "tier": "web"]).map(\.metadata.name) == ["a"])
        store.upsert(map("a", rv: "2", labels: ["app": "y"]))
        #expect(store.list(matchingLabels: ["app": "x"]).map(\.metadata.name) == ["b"])
        store.remove(ObjectKey(namespace: "ns", name: "b"))
        #expect(store.list(matchingLabels: ["app": "x"]).isEmpty)
        #expect(store.keys(withLabel: "tier").isEmpty)
    }
}
