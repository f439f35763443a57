import FakeKubernetesAPIServer
import Foundation
import KubernetesClient
import Testing
import VigilTestSupport

@Suite("bad input from the API server")
struct BadInputTests {
    static func isDecodingError(_ error: any Error, containing text: String) -> Bool {
        guard case .decoding(_, _, let message)? = error as? KubernetesError else { return false }
        return message.contains(text)
    }

    static let addedLine = #"{"type":"ADDED","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default","resourceVersion":"1"}}}"#

    @Test("malformed JSON in a list response is a typed error with the offset")
    func malformedList() async throws {
        try await ClusterHarness.run { h in
            h.server.injectFault(.respond(status: 200, body: Array(#"{"kind":"ConfigMapList","items":[{"metadata":"#.utf8)), count: 1, matching: .verb(.list))
            await #expect { try await h.client.api(ConfigMap.self, namespace: "default").list() } throws: {
                Self.isDecodingError($0, containing: "invalid JSON at byte")
            }
        }
    }

    @Test("a list item of the wrong shape names the item and field")
    func wrongShapeInList() async throws {
        try await ClusterHarness.run { h in
            let body = #"{"kind":"ConfigMapList","metadata":{"resourceVersion":"1"},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":5}}]}"#
            h.server.injectFault(.respond(status: 200, body: Array(body.utf8)), count: 1, matching: .verb(.list))
            await #expect { try await h.client.api(ConfigMap.self, namespace: "default").list() } throws: {
                Self.isDecodingError($0, containing: "items[1]") && Self.isDecodingError($0, containing: "metadata.name")
            }
        }
    }

    enum CorruptStream: String, CaseIterable, Sendable {
        case truncatedJSON, unknownEventType, oversizedLine

        var body: String {
            switch self {
            case .truncatedJSON: BadInputTests.addedLine + "\n{\"type\":\"MODIFIED\",\"object\":{\"metadata\":\n"
            case .unknownEventType: BadInputTests.addedLine + "\n{\"type\":\"EXPLODED\",\"object\":{}}\n"
            case .oversizedLine: BadInputTests.addedLine + "\n" + String(repeating: "x", count: 16 * 1024 * 1024 + 10) + "\n"
            }
        }

        var message: String {
            switch self {
            case .truncatedJSON: "invalid JSON"
            case .unknownEventType: "unknown watch event type \"EXPLODED\""
            case .oversizedLine: "longer than 16777216 bytes"
            }
        }
    }

    @Test("garbage in the middle of a watch stream ends it with a decoding error", arguments: CorruptStream.allCases)
    func corruptWatch(_ stream: CorruptStream) async throws {
        try await ClusterHarness.run { h in
            h.server.injectFault(.respond(status: 200, body: Array(stream.body.utf8)), count: 1, matching: .verb(.watch))
            let events = Locked(0)
            await #expect {
                for try await _ in try await h.client.api(ConfigMap.self, namespace: "default").watch() {
                    events.withLock { $0 += 1 }
                }
            } throws: { Self.isDecodingError($0, containing: stream.message) }
            #expect(events.value == 1, "the valid event before the garbage is delivered")
        }
    }

    @Test("the informer recovers from a corrupt watch by listing again")
    func informerRecovers() async throws {
        try await ClusterHarness.run { h in
            try WatchInformerTests.seedMap(h.server, "before")
            let informer = Informer(
                api: h.client.api(ConfigMap.self, namespace: "default"),
                options: Informer.Options(backoff: Backoff(initial: .milliseconds(1), maximum: .milliseconds(10))),
                logger: ClusterHarness.logger, sleep: { try await Task.sleep(for: $0) })
            h.server.injectFault(.respond(status: 200, body: Array("{not json\n".utf8)), count: 1, matching: .verb(.watch))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await informer.run() }
                await informer.waitUntilSynced()
                await waitUntil { informer.statistics.lists >= 2 }
                try WatchInformerTests.seedMap(h.server, "after")
                await waitUntil { informer.store.count == 2 }
                #expect(informer.store.get(ObjectKey(namespace: "default", name: "after")) != nil)
                group.cancelAll()
            }
        }
    }
}
