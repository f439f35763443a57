import FakeKubernetesAPIServer
import Foundation
import KubernetesClient
import Testing
import VigilTestSupport

@Suite("watch and informer against the fake API server")
struct WatchInformerTests {
    static func seedMap(_ server: FakeAPIServer, _ name: String, data: String = "0") throws {
        try server.seed(.configMaps, [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": .string(name), "namespace": "default"], "data": ["v": .string(data)],
        ])
    }

    @Test("a watch from a resourceVersion sees later events in order")
    func watchFromVersion() async throws {
        try await ClusterHarness.run { h in
            let maps = h.client.api(ConfigMap.self, namespace: "default")
            let list = try await maps.list()
            try Self.seedMap(h.server, "a")
            try h.server.modify(.configMaps, namespace: "default", name: "a") { $0["data"] = ["v": "1"] }
            try h.server.remove(.configMaps, namespace: "default", name: "a")
            var seen: [String] = []
            for try await event in try await maps.watch(WatchOptions(resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 1)) {
                switch event {
                case .added(let m): seen.append("added \(m.metadata.name ?? "")")
                case .modified(let m): seen.append("modified \(m.data?["v"] ?? "")")
                case .deleted(let m): seen.append("deleted \(m.metadata.name ?? "")")
                case .bookmark: break
                }
                if seen.count == 3 { break }
            }
            #expect(seen == ["added a", "modified 1", "deleted a"])
        }
    }

    @Test("a watch from a compacted resourceVersion fails with Gone")
    func watchGone() async throws {
        try await ClusterHarness.run(historyLimit: 3) { h in
            let maps = h.client.api(ConfigMap.self, namespace: "default")
            let list = try await maps.list()
            for i in 0..<10 { try Self.seedMap(h.server, "m\(i)") }
            h.server.compactHistory()
            await #expect {
                for try await _ in try await maps.watch(WatchOptions(resourceVersion: list.metadata.resourceVersion)) {}
            } throws: { ($0 as? KubernetesError)?.isGone == true }
        }
    }

    @Test("the informer's cache and handlers converge under dropped watches and compaction")
    func informerUnderFaults() async throws {
        try await ClusterHarness.run(historyLimit: 50) { h in
            let delivered = Locked<[String: (rv: String, deleted: Bool)]>([:])
            let informer = Informer(
                api: h.client.api(ConfigMap.self, namespace: "default"),
                options: Informer.Options(backoff: Backoff(initial: .milliseconds(1), maximum: .milliseconds(20))),
                logger: ClusterHarness.logger,
                handlers: [{ event in
                    let object = event.object
                    let isDelete: Bool
                    if case .deleted = event { isDelete = true } else { isDelete = false }
                    delivered.withLock { $0[object.metadata.name ?? ""] = (object.metadata.resourceVersion ?? "", isDelete) }
                }],
                sleep: { try await Task.sleep(for: $0) })
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await informer.run() }
                await informer.waitUntilSynced()
                var generator = SplitMix64(seed: 7)
                for step in 0..<1_000 {
                    let name = "m\(generator.next() % 40)"
                    let exists = h.server.object(.configMaps, namespace: "default", name: name) != nil
                    switch (exists, generator.next() % 3) {
                    case (false, _): try Self.seedMap(h.server, name, data: "\(step)")
                    case (true, 0): try h.server.remove(.configMaps, namespace: "default", name: name)
                    default: try h.server.modify(.configMaps, namespace: "default", name: name) { $0["data"] = ["v": .string("\(step)")] }
                    }
                    switch generator.next() % 100 {
                    case 0..<3: h.server.dropWatchConnections()
                    case 3: h.server.compactHistory()
                    default: break
                    }
                    if step % 50 == 0 { try await Task.sleep(for: .milliseconds(1)) }
                }
                let expected = Dictionary(uniqueKeysWithValues: h.server.objects(.configMaps).map {
                    ($0["metadata"]?["name"]?.stringValue ?? "", $0["metadata"]?["resourceVersion"]?.stringValue ?? "")
                })
                await waitUntil(timeout: .seconds(30)) {
                    let cached = Dictionary(uniqueKeysWithValues: informer.store.list().map {
                        ($0.metadata.name ?? "", $0.metadata.resourceVersion ?? "")
                    })
                    return cached == expected
                }
                let cachedNow = Dictionary(uniqueKeysWithValues: informer.store.list().map {
                    ($0.metadata.name ?? "", $0.metadata.resourceVersion ?? "")
                })
                #expect(cachedNow == expected, "statistics \(informer.statistics), server rv \(h.server.currentResourceVersion), open watches \(h.server.openWatchCount)")
                let finalDelivered = delivered.value
                for (name, rv) in expected {
                    #expect(finalDelivered[name]?.rv == rv && finalDelivered[name]?.deleted == false, "final state of \(name)")
                }
                for (name, state) in finalDelivered where expected[name] == nil {
                    #expect(state.deleted, "deletion of \(name) delivered")
                }
                #expect(informer.statistics.watches > 1)
                group.cancelAll()
            }
        }
    }
}
