import FakeKubernetesAPIServer
import Foundation
import Testing

@Suite("Fake API server: concurrency and namespaces")
struct FakeServerConcurrencyTests {
    @Test("many watchers each see every write of concurrent writers, in resourceVersion order")
    func concurrentWritersAndWatchers() async throws {
        try await FakeServerHarness.run { harness in
            let watcherCount = 8
            let writers = 4
            let writesPerWriter = 25
            let total = writers * writesPerWriter
            var watches: [WatchLines] = []
            for _ in 0..<watcherCount {
                watches.append(try await harness.watch(Fixture.configMapsPath + "?watch=true&resourceVersion=\(harness.server.currentResourceVersion)"))
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for index in 0..<writesPerWriter {
                            let reply = try await harness.post(Fixture.configMapsPath, Fixture.configMap("w\(writer)-\(index)"))
                            #expect(reply.status == 201)
                        }
                    }
                }
                try await group.waitForAll()
            }
            for var watch in watches {
                let events = try await watch.next(total)
                let versions = events.compactMap { $0.value(at: ["object", "metadata", "resourceVersion"])?.stringValue.flatMap { Int64($0) } }
                #expect(versions.count == total)
                #expect(versions == versions.sorted())
                #expect(Set(versions).count == total)
            }
        }
    }

    @Test("deleting a namespace deletes the objects in it")
    func namespaceDeletion() async throws {
        try await FakeServerHarness.run { harness in
            _ = try harness.server.createNamespace("team")
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("a", namespace: "team"))
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("b"))
            #expect(try await harness.delete("/api/v1/namespaces/team").status == 200)
            let remaining = harness.server.objects(Fixture.configMaps).compactMap { $0.value(at: ["metadata", "name"])?.stringValue }
            #expect(remaining == ["b"])
            let reply = try await harness.post("/api/v1/namespaces/team/configmaps", Fixture.configMap("c", namespace: "team"))
            #expect(reply.status == 404)
        }
    }

    @Test("a cluster-scoped kind is watched and addressed without a namespace")
    func clusterScopedWatch() async throws {
        try await FakeServerHarness.run { harness in
            var watch = try await harness.watch("/api/v1/namespaces?watch=true")
            let initial = try await watch.next(2)
            #expect(initial.map { $0.value(at: ["object", "metadata", "name"]) } == ["default", "kube-system"])
            _ = try await harness.post("/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "new"]])
            let added = try #require(await watch.next())
            #expect(added.value(at: ["object", "metadata", "name"]) == "new")
            #expect(added.value(at: ["object", "metadata", "namespace"]) == nil)
            let reply = try await harness.get("/api/v1/namespaces/new")
            #expect(reply.status == 200)
        }
    }

    @Test("a YAML body is accepted on create")
    func yamlCreate() async throws {
        try await FakeServerHarness.run { harness in
            let yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: from-yaml}
                data: {when: "2026-01-02T03:04:05Z", count: "3"}
                """
            let reply = try await harness.send(.POST, Fixture.configMapsPath, body: yaml, contentType: "application/yaml")
            #expect(reply.status == 201)
            #expect(reply.body["data"] == ["when": "2026-01-02T03:04:05Z", "count": "3"])
        }
    }

    @Test("unsupported methods are 405 with a Status body")
    func methodNotAllowed() async throws {
        try await FakeServerHarness.run { harness in
            let onObject = try await harness.send(.POST, Fixture.configMapsPath + "/a", json: Fixture.configMap("a"))
            #expect(onObject.status == 405)
            #expect(onObject.body["kind"] == "Status")
            let onCollection = try await harness.send(.PUT, Fixture.configMapsPath, json: Fixture.configMap("a"))
            #expect(onCollection.status == 405)
        }
    }
}
