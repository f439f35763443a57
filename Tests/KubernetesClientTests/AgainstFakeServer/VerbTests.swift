import FakeKubernetesAPIServer
import Foundation
import KubernetesClient
import Testing
import VigilTestSupport

@Suite("client verbs against the fake API server")
struct VerbTests {
    @Test("create, get, list, update, delete a ConfigMap")
    func crud() async throws {
        try await ClusterHarness.run { h in
            let maps = h.client.api(ConfigMap.self, namespace: "default")
            let created = try await maps.create(ConfigMap(metadata: ObjectMeta(name: "a", labels: ["app": "x"]), data: ["k": "v"]))
            #expect(created.metadata.uid != nil)
            #expect(created.metadata.resourceVersion != nil)
            var fetched = try await maps.get("a")
            #expect(fetched.data == ["k": "v"])
            fetched.data?["k"] = "w"
            let updated = try await maps.update(fetched)
            #expect(updated.data == ["k": "w"])
            #expect(updated.metadata.resourceVersion != created.metadata.resourceVersion)
            let byLabel = try await maps.list(ListOptions(labelSelector: "app=x"))
            let byOtherLabel = try await maps.list(ListOptions(labelSelector: "app=y"))
            let byField = try await maps.list(ListOptions(fieldSelector: "metadata.name=a"))
            #expect(byLabel.items.count == 1)
            #expect(byOtherLabel.items.isEmpty)
            #expect(byField.items.count == 1)
            try await maps.delete("a")
            await #expect { try await maps.get("a") } throws: { ($0 as? KubernetesError)?.isNotFound == true }
        }
    }

    @Test("typed errors: not found, already exists, conflict")
    func typedErrors() async throws {
        try await ClusterHarness.run { h in
            let maps = h.client.api(ConfigMap.self, namespace: "default")
            await #expect { try await maps.get("missing") } throws: { error in
                let error = error as? KubernetesError
                return error?.isNotFound == true && error?.status?.reason == "NotFound"
            }
            let first = try await maps.create(ConfigMap(metadata: ObjectMeta(name: "a")))
            await #expect { try await maps.create(ConfigMap(metadata: ObjectMeta(name: "a"))) } throws: {
                ($0 as? KubernetesError)?.isAlreadyExists == true
            }
            var stale = first
            var changed = first
            changed.data = ["changed": "by someone else"]
            _ = try await maps.update(changed)  // moves the resourceVersion on
            stale.data = ["x": "y"]
            await #expect { try await maps.update(stale) } throws: { error in
                let error = error as? KubernetesError
                return error?.isConflict == true && "\(error!)".contains("the object has been modified")
            }
            await #expect { try await maps.delete("missing") } throws: { ($0 as? KubernetesError)?.isNotFound == true }
        }
    }

    @Test("merge patch, server-side apply and the status subresource of a custom resource")
    func patchApplyStatus() async throws {
        try await ClusterHarness.run { h in
            let levels = h.client.api(dynamic: .serviceLevels, namespace: "default")
            let object: ClientJSON = [
                "apiVersion": "vigil.dev/v1alpha1", "kind": "ServiceLevel",
                "metadata": ["name": "availability"], "spec": ["objective": 99.5],
            ]
            let applied = try await levels.apply(DynamicObject(object))
            #expect(applied.metadata.generation == 1)
            let again = try await levels.apply(DynamicObject(object))
            #expect(again.metadata.resourceVersion == applied.metadata.resourceVersion, "a no-op apply writes nothing")

            let patched = try await levels.patch("availability", mergePatch: ["spec": ["objective": 99.9]])
            #expect(patched["spec"]?["objective"] == .double(99.9))
            #expect(patched.metadata.generation == 2)

            let withStatus = try await levels.patchStatus(
                "availability", mergePatch: ["status": ["observedGeneration": 2], "spec": ["objective": 1]])
            #expect(withStatus["status"]?["observedGeneration"] == 2)
            #expect(withStatus["spec"]?["objective"] == .double(99.9), "status writes ignore spec")
            #expect(withStatus.metadata.generation == 2, "status writes do not bump generation")

            var replaced = withStatus
            replaced["status"] = ["observedGeneration": 5]
            let main = try await levels.update(replaced)
            #expect(main["status"]?["observedGeneration"] == 2, "main-resource writes ignore status")
        }
    }

    @Test("unknown fields survive get, modify, update against the server")
    func unknownFieldsRoundTrip() async throws {
        try await ClusterHarness.run { h in
            try h.server.seed(.leases, [
                "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                "metadata": ["name": "l", "namespace": "default", "annotations": ["keep": "me"]],
                "spec": ["holderIdentity": "a", "preferredHolder": "b", "strategy": "OldestEmulationVersion"],
            ])
            let leases = h.client.api(Lease.self, namespace: "default")
            var lease = try await leases.get("l")
            lease.spec?.holderIdentity = "c"
            _ = try await leases.update(lease)
            let stored = try #require(h.server.object(.leases, namespace: "default", name: "l"))
            #expect(stored["spec"]?["preferredHolder"]?.stringValue == "b")
            #expect(stored["spec"]?["strategy"]?.stringValue == "OldestEmulationVersion")
            #expect(stored["spec"]?["holderIdentity"]?.stringValue == "c")
        }
    }

    @Test("lists 2,500 objects in pages of 500")
    func pagination() async throws {
        try await ClusterHarness.run(historyLimit: 10_000) { h in
            for i in 0..<2_500 {
                try h.server.seed(.configMaps, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("m\(i)"), "namespace": "default"]])
            }
            let before = h.server.requestCount(.list)
            let all = try await h.client.api(ConfigMap.self).listAll(ListOptions(limit: 500))
            #expect(all.items.count == 2_500)
            #expect(Set(all.items.map(\.metadata.name)).count == 2_500)
            #expect(h.server.requestCount(.list) - before == 5)
            #expect(all.metadata.continue == nil)
        }
    }

    @Test("a continue token from before a compaction is answered with 410 Gone")
    func expiredContinueToken() async throws {
        try await ClusterHarness.run(historyLimit: 5) { h in
            for i in 0..<20 {
                try h.server.seed(.configMaps, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("m\(i)"), "namespace": "default"]])
            }
            let maps = h.client.api(ConfigMap.self, namespace: "default")
            let first = try await maps.list(ListOptions(limit: 5))
            let token = try #require(first.metadata.continue)
            h.server.compactHistory()
            for i in 20..<30 {
                try h.server.seed(.configMaps, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("m\(i)"), "namespace": "default"]])
            }
            await #expect { try await maps.list(ListOptions(limit: 5, continueToken: token)) } throws: {
                ($0 as? KubernetesError)?.isGone == true
            }
        }
    }

    @Test("reads are retried on 500 and 503; Retry-After is honoured")
    func retriesReads() async throws {
        try await ClusterHarness.run { h in
            let maps = h.client.api(ConfigMap.self, namespace: "default")
            h.server.injectFault(.internalError, count: 2, matching: .verb(.list))
            let page = try await maps.list()
            #expect(page.items.isEmpty)
            #expect(h.sleeps.value.count == 2)
            h.server.injectFault(.tooManyRequests(retryAfterSeconds: 3), count: 1, matching: .verb(.get))
            await #expect { try await maps.get("x") } throws: { ($0 as? KubernetesError)?.isNotFound == true }
            #expect(h.sleeps.value.last == .seconds(3))
        }
    }

    @Test("a write that may have been processed is not retried")
    func writesNotRetriedOn5xx() async throws {
        try await ClusterHarness.run { h in
            let maps = h.client.api(ConfigMap.self, namespace: "default")
            h.server.injectFault(.internalError, count: 1, matching: .verb(.create))
            await #expect { try await maps.create(ConfigMap(metadata: ObjectMeta(name: "a"))) } throws: { error in
                (error as? KubernetesError)?.code == 500
            }
            h.server.injectFault(.tooManyRequests(retryAfterSeconds: 1), count: 1, matching: .verb(.create))
            _ = try await maps.create(ConfigMap(metadata: ObjectMeta(name: "a")))
        }
    }

    @Test("gives up after the last attempt and reports the server's message")
    func givesUp() async throws {
        try await ClusterHarness.run(retryPolicy: RetryPolicy(maxAttempts: 3)) { h in
            h.server.injectFault(.serviceUnavailable(retryAfterSeconds: 1), count: 10, matching: .verb(.get))
            await #expect { try await h.client.api(ConfigMap.self, namespace: "default").get("a") } throws: { error in
                let error = error as? KubernetesError
                return error?.code == 503 && "\(error!)".contains("unable to handle the request")
            }
            #expect(h.sleeps.value.count == 2)
        }
    }

    @Test("a dropped connection is a transport error, retried for reads")
    func droppedConnection() async throws {
        try await ClusterHarness.run { h in
            h.server.injectFault(.closeConnection, count: 1, matching: .verb(.get))
            await #expect { try await h.client.api(ConfigMap.self, namespace: "default").get("a") } throws: {
                ($0 as? KubernetesError)?.isNotFound == true
            }
            #expect(h.sleeps.value.count == 1)
        }
    }

    @Test("an unreachable server is a transport error")
    func unreachable() async throws {
        let client = try KubernetesClient(
            configuration: ClientConfiguration(server: URL(string: "http://127.0.0.1:1")!), logger: ClusterHarness.logger,
            retryPolicy: .never)
        await #expect { try await client.api(ConfigMap.self).list() } throws: { error in
            if case .transport? = error as? KubernetesError { return true }
            return false
        }
        try await client.shutdown()
    }
}
