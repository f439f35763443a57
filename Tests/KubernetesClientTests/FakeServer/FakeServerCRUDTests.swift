import Foundation
import FakeKubernetesAPIServer
import Testing

@Suite("Fake API server: create, get, update")
struct FakeServerCRUDTests {
    @Test("create answers 201 with uid, creationTimestamp and a resourceVersion")
    func createFillsMetadata() async throws {
        try await FakeServerHarness.run { harness in
            let reply = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a"))
            #expect(reply.status == 201)
            let metadata = try #require(reply.body["metadata"])
            #expect(metadata["uid"]?.stringValue?.count == 36)
            let timestamp = try #require(metadata["creationTimestamp"]?.stringValue)
            #expect(timestamp.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
            #expect(metadata["resourceVersion"]?.stringValue == String(harness.server.currentResourceVersion))
            #expect(metadata["generation"] == nil)  // ConfigMaps do not track generation
        }
    }

    @Test("resourceVersion grows by one with every write, across kinds")
    func resourceVersionIsGlobalAndMonotonic() async throws {
        try await FakeServerHarness.run { harness in
            var versions: [Int64] = []
            for index in 0..<3 {
                let configMap = try await harness.post(Fixture.configMapsPath, Fixture.configMap("c\(index)"))
                let monitor = try await harness.post(Fixture.serviceMonitorsPath, Fixture.serviceMonitor("m\(index)"))
                for reply in [configMap, monitor] {
                    versions.append(try #require(reply.body.value(at: ["metadata", "resourceVersion"])?.stringValue.flatMap { Int64($0) }))
                }
            }
            #expect(versions == Array(versions[0]...(versions[0] + 5)))
        }
    }

    @Test("a custom resource starts at generation 1 and loses status on create")
    func customResourceCreate() async throws {
        try await FakeServerHarness.run { harness in
            var monitor = Fixture.serviceMonitor("m")
            monitor["status"] = ["conditions": []]
            let reply = try await harness.post(Fixture.serviceMonitorsPath, monitor)
            #expect(reply.status == 201)
            #expect(reply.body.value(at: ["metadata", "generation"]) == 1)
            #expect(reply.body["status"] == nil)
        }
    }

    @Test("GET of a missing object is 404 with a NotFound Status body")
    func getMissing() async throws {
        try await FakeServerHarness.run { harness in
            let reply = try await harness.get(Fixture.serviceMonitorsPath + "/nope")
            #expect(reply.status == 404)
            #expect(reply.body["kind"] == "Status")
            #expect(reply.body["apiVersion"] == "v1")
            #expect(reply.body["status"] == "Failure")
            #expect(reply.body["code"] == 404)
            #expect(reply.reason == "NotFound")
            #expect(reply.message == "servicemonitors.monitoring.coreos.com \"nope\" not found")
            #expect(reply.body["details"] == ["name": "nope", "group": "monitoring.coreos.com", "kind": "servicemonitors"])
        }
    }

    @Test("an unknown path is 404 with a Status body")
    func unknownPath() async throws {
        try await FakeServerHarness.run { harness in
            for path in ["/api/v1/widgets", "/apis/nope.dev/v1/things", "/healthz/x", "/api/v1/namespaces/default/services/a/b/c"] {
                let reply = try await harness.get(path)
                #expect(reply.status == 404, "\(path)")
                #expect(reply.body["kind"] == "Status")
                #expect(reply.reason == "NotFound")
            }
        }
    }

    @Test("creating an existing object is 409 AlreadyExists")
    func alreadyExists() async throws {
        try await FakeServerHarness.run { harness in
            _ = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a"))
            let reply = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a"))
            #expect(reply.status == 409)
            #expect(reply.reason == "AlreadyExists")
            #expect(reply.message == "configmaps \"a\" already exists")
        }
    }

    @Test(
        "create validation answers like kube-apiserver",
        arguments: [
            ("namespace mismatch", Fixture.configMap("a", namespace: "other"), 400, "BadRequest"),
            ("wrong kind", ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "a"]], 400, "BadRequest"),
            ("wrong apiVersion", ["apiVersion": "v2", "kind": "ConfigMap", "metadata": ["name": "a"]], 400, "BadRequest"),
            ("missing kind", ["apiVersion": "v1", "metadata": ["name": "a"]], 400, "BadRequest"),
            ("missing name", ["apiVersion": "v1", "kind": "ConfigMap", "metadata": [:]], 422, "Invalid"),
            ("invalid name", ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "Not_OK"]], 422, "Invalid"),
        ] as [(String, JSONValue, Int, String)])
    func createValidation(_ name: String, _ body: JSONValue, _ code: Int, _ reason: String) async throws {
        try await FakeServerHarness.run { harness in
            let reply = try await harness.post(Fixture.configMapsPath, body)
            #expect(reply.status == code, "\(name)")
            #expect(reply.reason == reason, "\(name)")
        }
    }

    @Test("a ConfigMap or Secret over 1 MiB of values is 422 Invalid, on create and on update")
    func dataSizeLimit() async throws {
        try await FakeServerHarness.run { harness in
            let big = String(repeating: "x", count: 600_000)
            let tooLarge = try await harness.post(Fixture.configMapsPath, Fixture.configMap("big", data: ["a": big, "b": big]))
            #expect(tooLarge.status == 422)
            #expect(tooLarge.message == "ConfigMap \"big\" is invalid: []: Too long: must have at most 1048576 bytes")
            let created = try await harness.post(Fixture.configMapsPath, Fixture.configMap("big", data: ["a": big]))
            #expect(created.status == 201)
            var larger = Fixture.configMap("big", data: ["a": big, "b": big])
            larger.setValue(created.body.value(at: ["metadata", "resourceVersion"]), at: ["metadata", "resourceVersion"])
            let grown = try await harness.put(Fixture.configMapsPath + "/big", larger)
            #expect(grown.status == 422)
            let secret: JSONValue = [
                "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s", "namespace": "default"],
                "data": ["a": .string(Data(big.utf8).base64EncodedString()), "b": .string(Data(big.utf8).base64EncodedString())],
            ]
            let secretReply = try await harness.post("/api/v1/namespaces/default/secrets", secret)
            #expect(secretReply.status == 422)
            #expect(secretReply.message == "Secret \"s\" is invalid: data: Too long: must have at most 1048576 bytes")
        }
    }

    @Test("creating in a namespace that does not exist is 404 for the namespace")
    func missingNamespace() async throws {
        try await FakeServerHarness.run { harness in
            let reply = try await harness.post(
                "/api/v1/namespaces/ghost/configmaps", Fixture.configMap("a", namespace: "ghost"))
            #expect(reply.status == 404)
            #expect(reply.message == "namespaces \"ghost\" not found")
            _ = try harness.server.createNamespace("ghost")
            #expect(try await harness.post("/api/v1/namespaces/ghost/configmaps", Fixture.configMap("a", namespace: "ghost")).status == 201)
        }
    }

    @Test("creating with a resourceVersion set is a bare 500, as kube-apiserver answers")
    func createWithResourceVersion() async throws {
        try await FakeServerHarness.run { harness in
            var body = Fixture.configMap("a")
            body.setValue("5", at: ["metadata", "resourceVersion"])
            let reply = try await harness.post(Fixture.configMapsPath, body)
            #expect(reply.status == 500)
            #expect(reply.message == "resourceVersion should not be set on objects to be created")
            #expect(reply.reason == nil)
        }
    }

    @Test("generateName appends five random characters")
    func generateName() async throws {
        try await FakeServerHarness.run { harness in
            let body: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["generateName": "job-"]]
            let reply = try await harness.post(Fixture.configMapsPath, body)
            #expect(reply.status == 201)
            let name = try #require(reply.body.value(at: ["metadata", "name"])?.stringValue)
            #expect(name.hasPrefix("job-") && name.count == 9)
        }
    }

    @Test("a body that is not JSON or YAML is 415")
    func unsupportedMediaType() async throws {
        try await FakeServerHarness.run { harness in
            let reply = try await harness.send(.POST, Fixture.configMapsPath, body: "x", contentType: "text/plain")
            #expect(reply.status == 415)
            #expect(reply.reason == "UnsupportedMediaType")
        }
    }

    @Test("PUT with a stale resourceVersion is 409 Conflict with kube-apiserver's message")
    func staleUpdate() async throws {
        try await FakeServerHarness.run { harness in
            let created = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a")).body
            var first = created
            first["data"] = ["k": "1"]
            #expect(try await harness.put(Fixture.configMapsPath + "/a", first).status == 200)
            var second = created
            second["data"] = ["k": "2"]
            let reply = try await harness.put(Fixture.configMapsPath + "/a", second)
            #expect(reply.status == 409)
            #expect(reply.reason == "Conflict")
            #expect(reply.message == "Operation cannot be fulfilled on configmaps \"a\": the object has been modified; please apply your changes to the latest version and try again")
        }
    }

    @Test("PUT without resourceVersion is refused by default and allowed when configured")
    func unconditionalUpdate() async throws {
        var body = Fixture.configMap("a")
        body["data"] = ["k": "changed"]
        try await FakeServerHarness.run { harness in
            _ = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a"))
            let reply = try await harness.put(Fixture.configMapsPath + "/a", body)
            #expect(reply.status == 409)
            #expect(reply.message?.contains("must be specified for an update") == true)
        }
        try await FakeServerHarness.run(requiresResourceVersionOnUpdate: false) { harness in
            _ = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a"))
            #expect(try await harness.put(Fixture.configMapsPath + "/a", body).status == 200)
        }
    }

    @Test("PUT naming another uid is 409 Conflict")
    func updateWithOtherUID() async throws {
        try await FakeServerHarness.run { harness in
            var object = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a")).body
            object.setValue("00000000-0000-0000-0000-000000000000", at: ["metadata", "uid"])
            let reply = try await harness.put(Fixture.configMapsPath + "/a", object)
            #expect(reply.status == 409)
            #expect(reply.message?.contains("Precondition failed: UID in precondition") == true)
        }
    }

    @Test("PUT of a missing object is 404")
    func updateMissing() async throws {
        try await FakeServerHarness.run { harness in
            var body = Fixture.configMap("a")
            body.setValue("1", at: ["metadata", "resourceVersion"])
            let reply = try await harness.put(Fixture.configMapsPath + "/a", body)
            #expect(reply.status == 404)
        }
    }

    @Test("an update that changes nothing keeps the resourceVersion and sends no event")
    func noOpUpdate() async throws {
        try await FakeServerHarness.run { harness in
            let created = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a")).body
            let before = harness.server.currentResourceVersion
            let reply = try await harness.put(Fixture.configMapsPath + "/a", created)
            #expect(reply.status == 200)
            #expect(reply.body == created)
            #expect(harness.server.currentResourceVersion == before)
        }
    }

    @Test("PUT to the main resource ignores status; PUT to /status ignores everything else")
    func statusSubresource() async throws {
        try await FakeServerHarness.run { harness in
            let path = Fixture.serviceMonitorsPath + "/m"
            var object = try await harness.post(Fixture.serviceMonitorsPath, Fixture.serviceMonitor("m")).body
            object["status"] = ["phase": "Ready"]
            object.setValue(["team": "a"], at: ["metadata", "labels"])
            object.setValue("other", at: ["spec", "endpoints"])
            let statusReply = try await harness.put(path + "/status", object)
            #expect(statusReply.status == 200)
            #expect(statusReply.body["status"] == ["phase": "Ready"])
            #expect(statusReply.body.value(at: ["metadata", "labels"]) == nil)
            #expect(statusReply.body.value(at: ["spec", "endpoints"]) == [["port": "web"]])
            #expect(statusReply.body.value(at: ["metadata", "generation"]) == 1)

            var main = statusReply.body
            main["status"] = ["phase": "Broken"]
            let mainReply = try await harness.put(path, main)
            #expect(mainReply.status == 200)
            #expect(mainReply.body["status"] == ["phase": "Ready"])
            // Nothing but status changed, so the write was a no-op.
            #expect(mainReply.body.value(at: ["metadata", "resourceVersion"]) == statusReply.body.value(at: ["metadata", "resourceVersion"]))
        }
    }

    @Test("generation grows on spec changes only, not on metadata or status")
    func generationRules() async throws {
        try await FakeServerHarness.run { harness in
            let path = Fixture.serviceMonitorsPath + "/m"
            var object = try await harness.post(Fixture.serviceMonitorsPath, Fixture.serviceMonitor("m")).body
            object.setValue(["team": "a"], at: ["metadata", "labels"])
            object = try await harness.put(path, object).body
            #expect(object.value(at: ["metadata", "generation"]) == 1)
            object["status"] = ["observedGeneration": 1]
            object = try await harness.put(path + "/status", object).body
            #expect(object.value(at: ["metadata", "generation"]) == 1)
            object.setValue([["port": "metrics"]], at: ["spec", "endpoints"])
            object = try await harness.put(path, object).body
            #expect(object.value(at: ["metadata", "generation"]) == 2)
        }
    }

    @Test("/status is 404 for kinds without a status subresource")
    func noStatusSubresource() async throws {
        try await FakeServerHarness.run { harness in
            let created = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a")).body
            #expect(try await harness.put(Fixture.configMapsPath + "/a/status", created).status == 404)
        }
    }

    @Test("discovery lists groups and resources")
    func discovery() async throws {
        try await FakeServerHarness.run { harness in
            let groups = try await harness.get("/apis").body["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(groups?.contains("monitoring.coreos.com") == true)
            let resources = try await harness.get("/apis/monitoring.coreos.com/v1").body["resources"]?.arrayValue
            #expect(resources?.contains { $0["name"] == "servicemonitors/status" } == true)
            #expect(try await harness.get("/api").body["versions"] == ["v1"])
        }
    }
}
