import FakeKubernetesAPIServer
import Testing

@Suite("Fake API server: patch and server-side apply")
struct FakeServerPatchTests {
    static let applyType = "application/apply-patch+yaml"
    let monitorPath = Fixture.serviceMonitorsPath + "/m"

    @Test("a merge patch merges objects and removes null members")
    func mergePatch() async throws {
        try await FakeServerHarness.run { harness in
            _ = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a", data: ["keep": "1", "drop": "2"]))
            let reply = try await harness.patch(Fixture.configMapsPath + "/a", ["data": ["drop": nil, "new": "3"]])
            #expect(reply.status == 200)
            #expect(reply.body["data"] == ["keep": "1", "new": "3"])
        }
    }

    @Test("a merge patch carrying a stale resourceVersion is 409")
    func mergePatchPrecondition() async throws {
        try await FakeServerHarness.run { harness in
            _ = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a"))
            let reply = try await harness.patch(Fixture.configMapsPath + "/a", ["metadata": ["resourceVersion": "1"], "data": ["k": "x"]])
            #expect(reply.status == 409)
            #expect(reply.reason == "Conflict")
        }
    }

    @Test("a merge patch to /status changes only status and keeps generation")
    func statusPatch() async throws {
        try await FakeServerHarness.run { harness in
            _ = try await harness.post(Fixture.serviceMonitorsPath, Fixture.serviceMonitor("m"))
            let reply = try await harness.patch(monitorPath + "/status", ["status": ["ok": true], "spec": ["x": 1]])
            #expect(reply.status == 200)
            #expect(reply.body["status"] == ["ok": true])
            #expect(reply.body.value(at: ["spec", "x"]) == nil)
            #expect(reply.body.value(at: ["metadata", "generation"]) == 1)
            let main = try await harness.patch(monitorPath, ["status": ["ok": false], "spec": ["x": 1]])
            #expect(main.body["status"] == ["ok": true])
            #expect(main.body.value(at: ["metadata", "generation"]) == 2)
        }
    }

    @Test("strategic merge patch is 415 for custom resources and a merge for built-ins")
    func strategicMergePatch() async throws {
        try await FakeServerHarness.run { harness in
            _ = try await harness.post(Fixture.serviceMonitorsPath, Fixture.serviceMonitor("m"))
            let custom = try await harness.patch(monitorPath, ["spec": ["x": 1]], type: "application/strategic-merge-patch+json")
            #expect(custom.status == 415)
            #expect(custom.reason == "UnsupportedMediaType")
            _ = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a"))
            let builtIn = try await harness.patch(Fixture.configMapsPath + "/a", ["data": ["k": "2"]], type: "application/strategic-merge-patch+json")
            #expect(builtIn.status == 200)
            #expect(builtIn.body.value(at: ["data", "k"]) == "2")
        }
    }

    @Test("a JSON patch applies its operations in order; a failed test operation is 422")
    func jsonPatch() async throws {
        try await FakeServerHarness.run { harness in
            var configMap = Fixture.configMap("a", data: ["k": "v"])
            configMap.setValue(["first", "second"], at: ["metadata", "finalizers"])
            _ = try await harness.post(Fixture.configMapsPath, configMap)
            let operations: JSONValue = [
                ["op": "test", "path": "/data/k", "value": "v"],
                ["op": "add", "path": "/data/new", "value": "n"],
                ["op": "replace", "path": "/data/k", "value": "w"],
                ["op": "remove", "path": "/metadata/finalizers/0"],
                ["op": "copy", "from": "/data/new", "path": "/data/copy"],
                ["op": "move", "from": "/data/copy", "path": "/data/moved"],
            ]
            let reply = try await harness.patch(Fixture.configMapsPath + "/a", operations, type: "application/json-patch+json")
            #expect(reply.status == 200)
            #expect(reply.body["data"] == ["k": "w", "new": "n", "moved": "n"])
            #expect(reply.body.value(at: ["metadata", "finalizers"]) == ["second"])
            let failing: JSONValue = [["op": "test", "path": "/data/k", "value": "nope"]]
            let failed = try await harness.patch(Fixture.configMapsPath + "/a", failing, type: "application/json-patch+json")
            #expect(failed.status == 422)
        }
    }

    @Test("a patch with an unknown content type is 415")
    func unknownPatchType() async throws {
        try await FakeServerHarness.run { harness in
            _ = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a"))
            #expect(try await harness.patch(Fixture.configMapsPath + "/a", ["data": [:]], type: "application/json").status == 415)
        }
    }

    @Test("apply without fieldManager is 400")
    func applyNeedsFieldManager() async throws {
        try await FakeServerHarness.run { harness in
            let reply = try await harness.patch(monitorPath, Fixture.serviceMonitor("m"), type: Self.applyType)
            #expect(reply.status == 400)
        }
    }

    @Test("apply creates a missing object from YAML, then updates it and drops fields it no longer applies")
    func applyCreateAndUpdate() async throws {
        try await FakeServerHarness.run { harness in
            let yaml = """
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: m
                  labels: {owner: vigil}
                spec:
                  jobLabel: app
                  endpoints: [{port: web, interval: 30s}]
                """
            let created = try await harness.send(.PATCH, monitorPath + "?fieldManager=vigil", body: yaml, contentType: Self.applyType)
            #expect(created.status == 201)
            #expect(created.body.value(at: ["spec", "endpoints"]) == [["port": "web", "interval": "30s"]])
            #expect(created.body.value(at: ["metadata", "generation"]) == 1)

            let smaller: JSONValue = [
                "apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": ["name": "m"],
                "spec": ["endpoints": [["port": "metrics"]]],
            ]
            let updated = try await harness.send(.PATCH, monitorPath + "?fieldManager=vigil", json: smaller, contentType: Self.applyType)
            #expect(updated.status == 200)
            #expect(updated.body.value(at: ["spec", "jobLabel"]) == nil)
            #expect(updated.body.value(at: ["metadata", "labels", "owner"]) == nil)
            #expect(updated.body.value(at: ["spec", "endpoints"]) == [["port": "metrics"]])
            #expect(updated.body.value(at: ["metadata", "generation"]) == 2)

            let again = try await harness.send(.PATCH, monitorPath + "?fieldManager=vigil", json: smaller, contentType: Self.applyType)
            #expect(again.body.value(at: ["metadata", "resourceVersion"]) == updated.body.value(at: ["metadata", "resourceVersion"]))
        }
    }

    @Test("a second manager applying a different value is 409 Conflict; with force it takes the field")
    func applyConflictAndForce() async throws {
        try await FakeServerHarness.run { harness in
            let mine: JSONValue = [
                "apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": ["name": "m"],
                "spec": ["jobLabel": "app", "sampleLimit": 10],
            ]
            _ = try await harness.send(.PATCH, monitorPath + "?fieldManager=vigil", json: mine, contentType: Self.applyType)
            var theirs = mine
            theirs.setValue("team", at: ["spec", "jobLabel"])
            theirs.setValue(nil, at: ["spec", "sampleLimit"])
            let conflict = try await harness.send(.PATCH, monitorPath + "?fieldManager=kubectl", json: theirs, contentType: Self.applyType)
            #expect(conflict.status == 409)
            #expect(conflict.reason == "Conflict")
            #expect(conflict.message == "Apply failed with 1 conflict: conflict with \"vigil\": .spec.jobLabel")
            #expect(conflict.body.value(at: ["details", "causes"])?.arrayValue?.first?["field"] == ".spec.jobLabel")

            let forced = try await harness.send(.PATCH, monitorPath + "?fieldManager=kubectl&force=true", json: theirs, contentType: Self.applyType)
            #expect(forced.status == 200)
            #expect(forced.body.value(at: ["spec", "jobLabel"]) == "team")
            #expect(forced.body.value(at: ["spec", "sampleLimit"]) == 10)

            // vigil no longer owns jobLabel: applying without it leaves kubectl's value.
            var withoutJobLabel = mine
            withoutJobLabel.setValue(nil, at: ["spec", "jobLabel"])
            let reapplied = try await harness.send(.PATCH, monitorPath + "?fieldManager=vigil", json: withoutJobLabel, contentType: Self.applyType)
            #expect(reapplied.status == 200)
            #expect(reapplied.body.value(at: ["spec", "jobLabel"]) == "team")
        }
    }

    @Test("applying the same value as another manager shares the field without conflict")
    func applySameValue() async throws {
        try await FakeServerHarness.run { harness in
            let config: JSONValue = [
                "apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": ["name": "m"],
                "spec": ["jobLabel": "app"],
            ]
            _ = try await harness.send(.PATCH, monitorPath + "?fieldManager=a", json: config, contentType: Self.applyType)
            let second = try await harness.send(.PATCH, monitorPath + "?fieldManager=b", json: config, contentType: Self.applyType)
            #expect(second.status == 200)
        }
    }

    @Test("a field changed by an update belongs to the updater, so a later apply conflicts")
    func updateTakesOwnership() async throws {
        try await FakeServerHarness.run { harness in
            let config: JSONValue = [
                "apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": ["name": "m"],
                "spec": ["jobLabel": "app"],
            ]
            _ = try await harness.send(.PATCH, monitorPath + "?fieldManager=vigil", json: config, contentType: Self.applyType)
            _ = try await harness.send(.PATCH, monitorPath + "?fieldManager=editor", json: ["spec": ["jobLabel": "edited"]], contentType: "application/merge-patch+json")
            let reply = try await harness.send(.PATCH, monitorPath + "?fieldManager=vigil", json: config, contentType: Self.applyType)
            #expect(reply.status == 409)
            #expect(reply.message?.contains("\"editor\"") == true)
        }
    }

    @Test("apply carrying a stale resourceVersion is 409; onto a missing object it is a bare 500")
    func applyPrecondition() async throws {
        try await FakeServerHarness.run { harness in
            var config: JSONValue = [
                "apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor",
                "metadata": ["name": "m", "resourceVersion": "1"], "spec": ["jobLabel": "app"],
            ]
            let missing = try await harness.send(.PATCH, monitorPath + "?fieldManager=vigil", json: config, contentType: Self.applyType)
            #expect(missing.status == 500)
            config.setValue(nil, at: ["metadata", "resourceVersion"])
            _ = try await harness.send(.PATCH, monitorPath + "?fieldManager=vigil", json: config, contentType: Self.applyType)
            config.setValue("1", at: ["metadata", "resourceVersion"])
            let stale = try await harness.send(.PATCH, monitorPath + "?fieldManager=vigil", json: config, contentType: Self.applyType)
            #expect(stale.status == 409)
            #expect(stale.reason == "Conflict")
        }
    }

    @Test("apply to /status only touches status")
    func applyStatus() async throws {
        try await FakeServerHarness.run { harness in
            _ = try await harness.post(Fixture.serviceMonitorsPath, Fixture.serviceMonitor("m"))
            let config: JSONValue = [
                "apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": ["name": "m"],
                "status": ["conditions": [["type": "Ready", "status": "True"]]], "spec": ["jobLabel": "x"],
            ]
            let reply = try await harness.send(.PATCH, monitorPath + "/status?fieldManager=vigil", json: config, contentType: Self.applyType)
            #expect(reply.status == 200)
            #expect(reply.body.value(at: ["status", "conditions"])?.arrayValue?.count == 1)
            #expect(reply.body.value(at: ["spec", "jobLabel"]) == nil)
        }
    }
}
