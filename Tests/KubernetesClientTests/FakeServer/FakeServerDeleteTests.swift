import FakeKubernetesAPIServer
import Testing

@Suite("Fake API server: delete, finalizers, garbage collection")
struct FakeServerDeleteTests {
    @Test("deleting a built-in answers a Success Status; a custom resource answers the object")
    func deleteBodies() async throws {
        try await FakeServerHarness.run { harness in
            _ = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a"))
            let builtIn = try await harness.delete(Fixture.configMapsPath + "/a")
            #expect(builtIn.status == 200)
            #expect(builtIn.body["kind"] == "Status")
            #expect(builtIn.body["status"] == "Success")
            _ = try await harness.post(Fixture.serviceMonitorsPath, Fixture.serviceMonitor("m"))
            let custom = try await harness.delete(Fixture.serviceMonitorsPath + "/m")
            #expect(custom.status == 200)
            #expect(custom.body["kind"] == "ServiceMonitor")
            #expect(try await harness.get(Fixture.serviceMonitorsPath + "/m").status == 404)
            #expect(try await harness.delete(Fixture.serviceMonitorsPath + "/m").status == 404)
        }
    }

    @Test("an object with finalizers gets a deletionTimestamp and goes once the finalizers are removed")
    func finalizers() async throws {
        try await FakeServerHarness.run { harness in
            var monitor = Fixture.serviceMonitor("m")
            monitor.setValue(["vigil.dev/cleanup"], at: ["metadata", "finalizers"])
            _ = try await harness.post(Fixture.serviceMonitorsPath, monitor)
            let marked = try await harness.delete(Fixture.serviceMonitorsPath + "/m")
            #expect(marked.status == 200)
            #expect(marked.body.value(at: ["metadata", "deletionTimestamp"]) != nil)
            let stored = try #require(harness.server.object(Fixture.serviceMonitors, namespace: "default", name: "m"))
            #expect(stored.value(at: ["metadata", "deletionTimestamp"]) != nil)

            var adding = stored
            adding.setValue(["vigil.dev/cleanup", "other"], at: ["metadata", "finalizers"])
            #expect(try await harness.put(Fixture.serviceMonitorsPath + "/m", adding).status == 422)

            let released = try await harness.patch(Fixture.serviceMonitorsPath + "/m", ["metadata": ["finalizers": nil]])
            #expect(released.status == 200)
            #expect(harness.server.object(Fixture.serviceMonitors, namespace: "default", name: "m") == nil)
        }
    }

    @Test("deleting an owner deletes its dependents in the same step")
    func ownerGarbageCollection() async throws {
        try await FakeServerHarness.run { harness in
            let owner = try await harness.post(Fixture.serviceMonitorsPath, Fixture.serviceMonitor("owner")).body
            let uid = try #require(owner.value(at: ["metadata", "uid"]))
            for name in ["child-1", "child-2"] {
                var child = Fixture.configMap(name)
                child.setValue([["apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "name": "owner", "uid": uid]], at: ["metadata", "ownerReferences"])
                try harness.server.seed(Fixture.configMaps, child)
            }
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("unrelated"))
            #expect(try await harness.delete(Fixture.serviceMonitorsPath + "/owner", ["propagationPolicy": "Foreground"]).status == 200)
            let names = harness.server.objects(Fixture.configMaps).compactMap { $0.value(at: ["metadata", "name"])?.stringValue }
            #expect(names == ["unrelated"])
        }
    }

    @Test("an owner held by finalizers takes its dependents along when the last finalizer goes")
    func garbageCollectionAfterFinalizers() async throws {
        try await FakeServerHarness.run { harness in
            var owner = Fixture.serviceMonitor("owner")
            owner.setValue(["vigil.dev/cleanup"], at: ["metadata", "finalizers"])
            let created = try await harness.post(Fixture.serviceMonitorsPath, owner).body
            let ownerRef: JSONValue = ["kind": "ServiceMonitor", "name": "owner", "uid": created.value(at: ["metadata", "uid"]) ?? nil]
            try harness.server.seed(Fixture.configMaps, {
                var child = Fixture.configMap("child")
                child.setValue([ownerRef], at: ["metadata", "ownerReferences"])
                return child
            }())
            #expect(try await harness.delete(Fixture.serviceMonitorsPath + "/owner").status == 200)
            #expect(harness.server.objects(Fixture.configMaps).count == 1)  // owner still held
            _ = try await harness.patch(Fixture.serviceMonitorsPath + "/owner", ["metadata": ["finalizers": nil]])
            #expect(harness.server.object(Fixture.serviceMonitors, namespace: "default", name: "owner") == nil)
            #expect(harness.server.objects(Fixture.configMaps).isEmpty)
        }
    }

    @Test("Orphan propagation strips the ownerReference and keeps the dependent")
    func orphan() async throws {
        try await FakeServerHarness.run { harness in
            let owner = try await harness.post(Fixture.serviceMonitorsPath, Fixture.serviceMonitor("owner")).body
            var child = Fixture.configMap("child")
            child.setValue([["kind": "ServiceMonitor", "name": "owner", "uid": owner.value(at: ["metadata", "uid"]) ?? nil]], at: ["metadata", "ownerReferences"])
            try harness.server.seed(Fixture.configMaps, child)
            #expect(try await harness.delete(Fixture.serviceMonitorsPath + "/owner?propagationPolicy=Orphan").status == 200)
            let kept = try #require(harness.server.object(Fixture.configMaps, namespace: "default", name: "child"))
            #expect(kept.value(at: ["metadata", "ownerReferences"]) == nil)
        }
    }

    @Test("direct removal notifies watches like an HTTP DELETE")
    func directRemoval() async throws {
        try await FakeServerHarness.run { harness in
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("a"))
            var watch = try await harness.watch(Fixture.configMapsPath + "?watch=true&resourceVersion=\(harness.server.currentResourceVersion)")
            try harness.server.remove(Fixture.configMaps, namespace: "default", name: "a")
            let event = try #require(await watch.next())
            #expect(event["type"] == "DELETED")
            #expect(throws: APIStatusError.self) { try harness.server.remove(Fixture.configMaps, namespace: "default", name: "a") }
        }
    }

    @Test("delete preconditions that do not hold are 409")
    func preconditions() async throws {
        try await FakeServerHarness.run { harness in
            _ = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a"))
            let wrongUID = try await harness.delete(Fixture.configMapsPath + "/a", ["preconditions": ["uid": "nope"]])
            #expect(wrongUID.status == 409)
            let wrongVersion = try await harness.delete(Fixture.configMapsPath + "/a", ["preconditions": ["resourceVersion": "1"]])
            #expect(wrongVersion.status == 409)
            #expect(wrongVersion.reason == "Conflict")
            #expect(try await harness.delete(Fixture.configMapsPath + "/a", ["propagationPolicy": "Sometimes"]).status == 400)
        }
    }
}
