import AsyncHTTPClient
import FakeKubernetesAPIServer
import Testing

@Suite("Fake API server: fault injection and counters")
struct FakeServerFaultTests {
    @Test("a 500 fault applies to exactly count matching requests")
    func internalErrors() async throws {
        try await FakeServerHarness.run { harness in
            harness.server.injectFault(.internalError, count: 2, matching: .verb(.list))
            #expect(try await harness.get(Fixture.configMapsPath + "/x").status == 404)  // a GET, not a list
            let first = try await harness.get(Fixture.configMapsPath)
            #expect(first.status == 500)
            #expect(first.reason == "InternalError")
            #expect(first.body["kind"] == "Status")
            #expect(try await harness.get(Fixture.configMapsPath).status == 500)
            #expect(try await harness.get(Fixture.configMapsPath).status == 200)
            #expect(harness.server.requestCount(.list) == 3)
            #expect(harness.server.requestCount(.get) == 1)
        }
    }

    @Test("a 429 fault carries Retry-After")
    func tooManyRequests() async throws {
        try await FakeServerHarness.run { harness in
            harness.server.injectFault(.tooManyRequests(retryAfterSeconds: 3), matching: .request(method: "POST"))
            let reply = try await harness.post(Fixture.configMapsPath, Fixture.configMap("a"))
            #expect(reply.status == 429)
            #expect(reply.headers.first(name: "Retry-After") == "3")
            #expect(reply.reason == "TooManyRequests")
            #expect(harness.server.objects(Fixture.configMaps).isEmpty)
            #expect(try await harness.post(Fixture.configMapsPath, Fixture.configMap("a")).status == 201)
        }
    }

    @Test("a 503 fault on watches carries Retry-After and leaves other verbs alone")
    func serviceUnavailableOnWatch() async throws {
        try await FakeServerHarness.run { harness in
            harness.server.injectFault(.serviceUnavailable(retryAfterSeconds: 2), count: 1, matching: .verb(.watch))
            #expect(try await harness.get(Fixture.configMapsPath).status == 200)
            let reply = try await harness.get(Fixture.configMapsPath + "?watch=true&timeoutSeconds=1")
            #expect(reply.status == 503)
            #expect(reply.headers.first(name: "Retry-After") == "2")
            #expect(reply.body.value(at: ["details", "retryAfterSeconds"]) == 2)
        }
    }

    @Test("a delay fault holds the request, then serves it")
    func delay() async throws {
        try await FakeServerHarness.run { harness in
            harness.server.injectFault(.delay(.milliseconds(300)))
            let start = ContinuousClock.now
            let reply = try await harness.get(Fixture.configMapsPath)
            #expect(reply.status == 200)
            #expect(ContinuousClock.now - start >= .milliseconds(300))
        }
    }

    @Test("a closeConnection fault ends the connection without a response")
    func closeConnection() async throws {
        try await FakeServerHarness.run { harness in
            harness.server.injectFault(.closeConnection, matching: .request(pathPrefix: "/api/v1/namespaces/default/configmaps"))
            await #expect(throws: (any Error).self) { _ = try await harness.get(Fixture.configMapsPath) }
            let reply = try await harness.get(Fixture.configMapsPath)
            #expect(reply.status == 200)
        }
    }
}
