import AsyncHTTPClient
import FakeKubernetesAPIServer
import Foundation
import Testing

@Suite("Fake API server: watch")
struct FakeServerWatchTests {
    private func rv(_ object: JSONValue) -> String? { object.value(at: ["metadata", "resourceVersion"])?.stringValue }
    private func name(_ event: JSONValue) -> String? { event.value(at: ["object", "metadata", "name"])?.stringValue }

    @Test("a watch from a resourceVersion replays later events, then streams live ones")
    func watchFromResourceVersion() async throws {
        try await FakeServerHarness.run { harness in
            let a = try harness.server.seed(Fixture.configMaps, Fixture.configMap("a"))
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("b"))
            var watch = try await harness.watch(Fixture.configMapsPath + "?watch=true&resourceVersion=" + (rv(a) ?? ""))
            #expect(watch.status == 200)
            #expect(watch.headers.first(name: "Content-Type") == "application/json")
            let replayed = try #require(await watch.next())
            #expect(replayed["type"] == "ADDED")
            #expect(name(replayed) == "b")

            try harness.server.modify(Fixture.configMaps, namespace: "default", name: "a") { $0["data"] = ["k": "2"] }
            let modified = try #require(await watch.next())
            #expect(modified["type"] == "MODIFIED")
            #expect(modified.value(at: ["object", "data", "k"]) == "2")

            let beforeDelete = harness.server.currentResourceVersion
            #expect(try await harness.delete(Fixture.configMapsPath + "/b").status == 200)
            let deleted = try #require(await watch.next())
            #expect(deleted["type"] == "DELETED")
            #expect(name(deleted) == "b")
            #expect(deleted.value(at: ["object", "data", "k"]) == "v")
            #expect(rv(try #require(deleted["object"])) == String(beforeDelete + 1))
        }
    }

    @Test("a watch without resourceVersion (or 0) starts with ADDED for current objects")
    func watchFromNow() async throws {
        try await FakeServerHarness.run { harness in
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("b"))
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("a"))
            for query in ["?watch=true", "?watch=1&resourceVersion=0"] {
                var watch = try await harness.watch(Fixture.configMapsPath + query)
                let events = try await watch.next(2)
                #expect(events.map { $0["type"] } == ["ADDED", "ADDED"])
                #expect(events.map(name) == ["a", "b"])
            }
        }
    }

    @Test("a watch from a compacted resourceVersion gets one 410 ERROR event, then the stream ends")
    func watchTooOld() async throws {
        try await FakeServerHarness.run { harness in
            let a = try harness.server.seed(Fixture.configMaps, Fixture.configMap("a"))
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("b"))
            harness.server.compactHistory()
            let version = rv(a) ?? ""
            var watch = try await harness.watch(Fixture.configMapsPath + "?watch=true&resourceVersion=" + version)
            #expect(watch.status == 200)
            let error = try #require(await watch.next())
            #expect(error["type"] == "ERROR")
            #expect(error.value(at: ["object", "kind"]) == "Status")
            #expect(error.value(at: ["object", "code"]) == 410)
            #expect(error.value(at: ["object", "reason"]) == "Expired")
            let message = try #require(error.value(at: ["object", "message"])?.stringValue)
            #expect(message == "too old resource version: \(version) (\(harness.server.currentResourceVersion + 1))")
            #expect(try await watch.next() == nil)
        }
    }

    @Test("history beyond historyLimit is forgotten")
    func historyLimit() async throws {
        try await FakeServerHarness.run(historyLimit: 10) { harness in
            let first = try harness.server.seed(Fixture.configMaps, Fixture.configMap("first"))
            for index in 0..<20 { try harness.server.seed(Fixture.configMaps, Fixture.configMap("c\(index)")) }
            var old = try await harness.watch(Fixture.configMapsPath + "?watch=true&resourceVersion=" + (rv(first) ?? ""))
            #expect(try await old.next()?["type"] == "ERROR")
            let recent = harness.server.currentResourceVersion - 5
            var fresh = try await harness.watch(Fixture.configMapsPath + "?watch=true&resourceVersion=\(recent)")
            #expect(try await fresh.next(5).count == 5)
        }
    }

    @Test("allowWatchBookmarks sends BOOKMARK events carrying the current resourceVersion")
    func bookmarks() async throws {
        try await FakeServerHarness.run { harness in
            harness.server.watchBookmarkInterval = .milliseconds(100)
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("a"))
            var watch = try await harness.watch(Fixture.configMapsPath + "?watch=true&allowWatchBookmarks=true")
            #expect(try await watch.next()?["type"] == "ADDED")
            let bookmark = try #require(await watch.next())
            #expect(bookmark["type"] == "BOOKMARK")
            #expect(bookmark.value(at: ["object", "kind"]) == "ConfigMap")
            #expect(bookmark.value(at: ["object", "apiVersion"]) == "v1")
            #expect(rv(try #require(bookmark["object"])) == String(harness.server.currentResourceVersion))
        }
    }

    @Test("sendInitialEvents streams current state, then a BOOKMARK marking the end of initial events")
    func sendInitialEvents() async throws {
        try await FakeServerHarness.run { harness in
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("a"))
            let version = harness.server.currentResourceVersion
            var watch = try await harness.watch(
                Fixture.configMapsPath + "?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&resourceVersion=\(version)")
            let events = try await watch.next(2)
            #expect(events.map { $0["type"] } == ["ADDED", "BOOKMARK"])
            #expect(events[1].value(at: ["object", "metadata", "annotations", "k8s.io/initial-events-end"]) == "true")
            #expect(events[1].value(at: ["object", "metadata", "resourceVersion"]) == .string(String(version)))
        }
    }

    @Test("timeoutSeconds ends the stream")
    func timeout() async throws {
        try await FakeServerHarness.run { harness in
            let start = ContinuousClock.now
            var watch = try await harness.watch(Fixture.configMapsPath + "?watch=true&timeoutSeconds=1")
            #expect(try await watch.next() == nil)
            let elapsed = ContinuousClock.now - start
            // The upper bound is loose on purpose: on a loaded 2-core CI machine a scheduling delay
            // of seconds is normal; what matters is that the stream ends, and not before ~1 s.
            #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(60))
        }
    }

    @Test("an object that stops matching a label selector is DELETED for that watcher, and ADDED when it matches again")
    func selectorTransitions() async throws {
        try await FakeServerHarness.run { harness in
            var watch = try await harness.watch(Fixture.configMapsPath + "?watch=true&labelSelector=app%3Dweb")
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("a", labels: ["app": "web"]))
            try harness.server.seed(Fixture.configMaps, Fixture.configMap("ignored", labels: ["app": "db"]))
            try harness.server.modify(Fixture.configMaps, namespace: "default", name: "a") {
                $0.setValue(["app": "db"], at: ["metadata", "labels"])
            }
            try harness.server.modify(Fixture.configMaps, namespace: "default", name: "a") {
                $0.setValue(["app": "web"], at: ["metadata", "labels"])
            }
            let events = try await watch.next(3)
            #expect(events.map { $0["type"] } == ["ADDED", "DELETED", "ADDED"])
            #expect(events.map(name) == ["a", "a", "a"])
        }
    }

    @Test("dropWatchConnections ends every open stream")
    func dropWatches() async throws {
        try await FakeServerHarness.run { harness in
            var first = try await harness.watch(Fixture.configMapsPath + "?watch=true")
            var second = try await harness.watch(Fixture.serviceMonitorsPath + "?watch=true")
            #expect(harness.server.openWatchCount == 2)
            harness.server.dropWatchConnections()
            #expect(try await first.next() == nil)
            #expect(try await second.next() == nil)
            #expect(harness.server.openWatchCount == 0)
            #expect(harness.server.requestCount(.watch) == 2)
        }
    }

    @Test("a watch whose client hung up is closed once writing to it fails")
    func clientHangsUp() async throws {
        try await FakeServerHarness.run { harness in
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            let hangingUp = FakeServerHarness(server: harness.server, baseURL: harness.baseURL, client: client)
            _ = try await hangingUp.watch(Fixture.configMapsPath + "?watch=true")
            #expect(harness.server.openWatchCount == 1)
            try await client.shutdown()  // closes the connection mid-stream
            var written = 0
            let deadline = ContinuousClock.now + .seconds(5)
            while harness.server.openWatchCount > 0, ContinuousClock.now < deadline {
                try harness.server.seed(Fixture.configMaps, Fixture.configMap("c\(written)"))
                written += 1
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(harness.server.openWatchCount == 0)
        }
    }

    @Test("a watcher that falls too far behind is closed instead of blocking writers")
    func slowWatcherIsClosed() async throws {
        try await FakeServerHarness.run(watchBufferLimit: 5) { harness in
            for index in 0..<40 { try harness.server.seed(Fixture.configMaps, Fixture.configMap(String(format: "c%02d", index))) }
            var watch = try await harness.watch(Fixture.configMapsPath + "?watch=true&resourceVersion=\(harness.server.currentResourceVersion)")
            // One DELETE of the collection commits 40 events in one step, more than the
            // watcher may have in flight.
            #expect(try await harness.delete(Fixture.configMapsPath).status == 200)
            var received = 0
            while try await watch.next() != nil { received += 1 }
            #expect(received < 40)
            #expect(harness.server.openWatchCount == 0)
            #expect(harness.server.objects(Fixture.configMaps).isEmpty)
        }
    }

    @Test("a watch from a resourceVersion the server has not reached is 504 ResourceVersionTooLarge")
    func futureResourceVersion() async throws {
        try await FakeServerHarness.run { harness in
            let future = harness.server.currentResourceVersion + 100
            let reply = try await harness.get(Fixture.configMapsPath + "?watch=true&resourceVersion=\(future)")
            #expect(reply.status == 504)
            #expect(reply.reason == "Timeout")
            #expect(reply.body.value(at: ["details", "causes"])?.arrayValue?.first?["reason"] == "ResourceVersionTooLarge")
        }
    }

    @Test("a watch with an invalid resourceVersion is 400")
    func invalidResourceVersion() async throws {
        try await FakeServerHarness.run { harness in
            let reply = try await harness.get(Fixture.configMapsPath + "?watch=true&resourceVersion=abc")
            #expect(reply.status == 400)
        }
    }
}
