import FakeKubernetesAPIServer
import Foundation
import KubernetesClient
@testable import Operator
import Prometheus
import Testing
import TSDB

/// The reconcilers against the in-process fake API server, through `KubernetesCluster`
/// (informers, server-side apply, status subresource, Events, leases).
@Suite("operator against the fake API server")
struct FakeAPIServerTests {
    struct Harness {
        let server: FakeAPIServer
        let client: KubernetesClient
        let cluster: KubernetesCluster
        let scraper = FakeScrapeClient()

        static func run(_ body: (Harness) async throws -> Void) async throws {
            let server = FakeAPIServer(logger: quietLogger)
            let baseURL = try await server.start()
            guard let url = URL(string: baseURL) else { throw ClusterError.invalid(kind: "URL", key: Key(namespace: nil, name: "url"), message: baseURL) }
            let client = try KubernetesClient(configuration: ClientConfiguration(server: url), logger: quietLogger)
            let harness = Harness(server: server, client: client, cluster: KubernetesCluster(client: client, logger: quietLogger))
            do {
                try server.createNamespace(Fixture.namespace)
                try server.createNamespace("vigil-system")
                try await harness.cluster.apply(Fixture.service)
                try await harness.cluster.apply(Fixture.endpointSlice)
                try await harness.cluster.apply(Fixture.pod)
                try await body(harness)
            } catch {
                try? await client.shutdown()
                await server.stop()
                throw error
            }
            try await client.shutdown()
            await server.stop()
        }

        func controller(identity: String = "vigil-test") -> (Controller, ScrapeEngine) {
            let engine = ScrapeEngine(storage: TimeSeriesStore(), client: scraper,
                                      now: { Int64(Date().timeIntervalSince1970 * 1000) }, logger: quietLogger)
            let options = OperatorOptions(operatorNamespace: "vigil-system", statusResync: .milliseconds(300),
                                          identity: identity)
            return (Controller(cluster: cluster, engine: engine, options: options, logger: quietLogger), engine)
        }

        func conditions(_ key: Key) async throws -> [Condition] {
            Fixture.conditions(try await cluster.get(ServiceMonitorObject.self, key)?.status)
        }

        func configText() async throws -> String {
            let key = Key(namespace: "vigil-system", name: OperatorOptions.configSecretName)
            guard let encoded = try await cluster.get(Secret.self, key)?.data?[OperatorOptions.configSecretKey],
                  let data = Data(base64Encoded: encoded) else { return "" }
            return String(decoding: data, as: UTF8.self)
        }
    }

    @Test("apply → Secret, rule ConfigMap and Ready; bad regex → Accepted=False; fix → Ready; a dropped watch misses nothing")
    func endToEnd() async throws {
        try await Harness.run { h in
            let (controller, engine) = h.controller()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await engine.run() }
                group.addTask { await controller.run() }
                defer { group.cancelAll() }
                let monitor = try await h.cluster.apply(Fixture.monitor())
                try await h.cluster.apply(Fixture.rule())
                try await h.cluster.apply(Fixture.serviceLevel())
                #expect(try await eventually { try await h.conditions(monitor.key)[.ready]?.status == .true })
                #expect(try await eventually { try await h.configText().contains("serviceMonitor/shop/checkout/0") })
                let ruleMap = Key(namespace: "vigil-system", name: "vigil-rulefiles-0")
                #expect(try await eventually { (try await h.cluster.get(ConfigMap.self, ruleMap)?.data?.count ?? 0) == 2 })
                #expect(controller.hasSynced)

                let broken = try await h.cluster.apply(Fixture.monitor(name: "broken", regex: "a(b"))
                #expect(try await eventually { try await h.conditions(broken.key)[.accepted]?.status == .false })
                #expect(try await h.conditions(broken.key)[.accepted]?.message.contains("relabelings[0].regex") == true)
                #expect(try await h.conditions(monitor.key)[.ready]?.status == .true)
                try await h.cluster.apply(Fixture.monitor(name: "broken", regex: "(.*)"))
                #expect(try await eventually { try await h.conditions(broken.key)[.ready]?.status == .true })

                h.server.dropWatchConnections()
                let late = try await h.cluster.apply(Fixture.monitor(name: "late"))
                #expect(try await eventually { try await h.conditions(late.key)[.ready]?.status == .true })

                let events = try await h.cluster.list(Event.self, namespace: Fixture.namespace)
                #expect(events.contains { $0.regarding?.name == "broken" && $0.reason == "InvalidRelabeling" })
                #expect(events.allSatisfy { $0.reportingController == "vigil.dev/operator" })
            }
        }
    }

    @Test("two replicas with leader election: one leader, one writer")
    func leaderElection() async throws {
        try await Harness.run { h in
            let monitor = try await h.cluster.apply(Fixture.monitor())
            let replicas = ["replica-a", "replica-b"].map { identity in
                OperatorRunner(
                    options: OperatorOptions(operatorNamespace: "vigil-system", statusResync: .milliseconds(300),
                                             identity: identity),
                    metricsAddress: OperatorHTTPServer.Address(host: "127.0.0.1", port: 0),
                    apiAddress: OperatorHTTPServer.Address(host: "127.0.0.1", port: 0),
                    leaderElection: .init(leaseName: "vigil-operator", namespace: "vigil-system", identity: identity))
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for replica in replicas {
                    group.addTask {
                        try await replica.run(client: h.client, scrapeClient: h.scraper,
                                              registry: PrometheusCollectorRegistry(), logger: quietLogger)
                    }
                }
                defer { group.cancelAll() }
                #expect(try await eventually { try await h.conditions(monitor.key)[.ready]?.status == .true })
                let lease = try #require(try await h.cluster.get(Lease.self, Key(namespace: "vigil-system", name: "vigil-operator")))
                let leader = try #require(lease.spec?.holderIdentity)
                #expect(["replica-a", "replica-b"].contains(leader))
                try await Task.sleep(for: .seconds(1))
                let writers = Set(try await h.cluster.list(Event.self, namespace: Fixture.namespace).compactMap(\.reportingInstance))
                #expect(writers == [leader])
            }
        }
    }
}
