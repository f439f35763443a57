import Foundation
import KubernetesClient
@testable import Operator
import Testing
import TSDB

/// The reconcilers end to end on an in-memory cluster, with a fake scrape client.
@Suite("controller on an in-memory cluster")
struct ControllerTests {
    struct Harness {
        let cluster: InMemoryCluster
        let engine: ScrapeEngine
        let controller: Controller
        let scraper: FakeScrapeClient

        func conditions(of key: ObjectKey) async throws -> [Condition] {
            Fixture.conditions(try await cluster.get(ServiceMonitorObject.self, key)?.status)
        }

        func isReady(_ key: ObjectKey) async throws -> Bool {
            try await conditions(of: key)[.ready]?.status == .true
        }

        func config() async throws -> String {
            let key = ObjectKey(namespace: "vigil-system", name: OperatorOptions.configSecretName)
            guard let encoded = try await cluster.get(Secret.self, key)?.data?[OperatorOptions.configSecretKey],
                  let data = Data(base64Encoded: encoded) else { return "" }
            return String(decoding: data, as: UTF8.self)
        }

        static func run(options: OperatorOptions = OperatorOptions(operatorNamespace: "vigil-system", statusResync: .milliseconds(200)),
                        cluster: InMemoryCluster = InMemoryCluster(),
                        _ body: (Harness) async throws -> Void) async throws {
            let scraper = FakeScrapeClient()
            let engine = ScrapeEngine(storage: TimeSeriesStore(), client: scraper,
                                      now: { Int64(Date().timeIntervalSince1970 * 1000) }, logger: quietLogger)
            let controller = Controller(cluster: cluster, engine: engine, options: options, logger: quietLogger)
            try await cluster.apply(Namespace(metadata: ObjectMeta(name: "vigil-system")))
            try await cluster.apply(Fixture.service)
            try await cluster.apply(Fixture.endpointSlice)
            try await cluster.apply(Fixture.pod)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await engine.run() }
                group.addTask { await controller.run() }
                defer { group.cancelAll() }
                try await body(Harness(cluster: cluster, engine: engine, controller: controller, scraper: scraper))
            }
        }
    }

    @Test("a valid monitor is accepted, scraped and Ready; the config Secret has its job")
    func ready() async throws {
        try await Harness.run { h in
            let monitor = try await h.cluster.apply(Fixture.monitor())
            #expect(try await eventually { try await h.isReady(monitor.key) })
            let conditions = try await h.conditions(of: monitor.key)
            #expect(conditions[.accepted]?.reason == .accepted)
            #expect(conditions[.targetsHealthy]?.message == "1/1 targets up")
            let status = try await h.cluster.get(ServiceMonitorObject.self, monitor.key)?.status
            #expect(status?["targetsUp"] == .int(1))
            #expect(status?["targetsTotal"] == .int(1))
            #expect(status?["observedGeneration"] == .int(1))
            #expect(try await h.config().contains("job_name: serviceMonitor/shop/checkout/0"))
            #expect(h.engine.jobNames == ["serviceMonitor/shop/checkout/0"])
        }
    }

    @Test("a down target makes TargetsHealthy False with the address and the error")
    func targetDown() async throws {
        try await Harness.run { h in
            h.scraper.setDown("10.0.0.7:8080", true)
            let monitor = try await h.cluster.apply(Fixture.monitor())
            #expect(try await eventually {
                try await h.conditions(of: monitor.key)[.targetsHealthy]?.reason == .targetsDown
            })
            let message = try await h.conditions(of: monitor.key)[.targetsHealthy]?.message ?? ""
            #expect(message.hasPrefix("0/1 targets up; 10.0.0.7:8080 down: "))
            #expect(message.contains("connection refused"))
            #expect(try await h.conditions(of: monitor.key)[.ready]?.status == .false)
        }
    }

    @Test("a bad regex rejects only that monitor; fixing it recovers; deleting it removes its job")
    func breakFixDelete() async throws {
        try await Harness.run { h in
            let good = try await h.cluster.apply(Fixture.monitor(name: "checkout"))
            #expect(try await eventually { try await h.isReady(good.key) })
            let bad = try await h.cluster.apply(Fixture.monitor(name: "broken", regex: "(unclosed"))
            #expect(try await eventually {
                try await h.conditions(of: bad.key)[.accepted]?.status == .false
            })
            let accepted = try #require(try await h.conditions(of: bad.key)[.accepted])
            #expect(accepted.reason == .invalidRelabeling)
            #expect(accepted.message.contains("spec.endpoints[0].relabelings[0].regex"))
            #expect(try await h.isReady(good.key))
            #expect(!(try await h.config().contains("serviceMonitor/shop/broken/0")))
            let events = try await h.cluster.list(Event.self, namespace: "shop")
            #expect(events.contains { $0.regarding?.name == "broken" && $0.reason == "InvalidRelabeling" && $0.type == "Warning" })

            try await h.cluster.apply(Fixture.monitor(name: "broken", regex: "(.+)"))
            #expect(try await eventually { try await h.isReady(bad.key) })
            #expect(try await eventually { try await h.config().contains("serviceMonitor/shop/broken/0") })
            let fixed = try #require(try await h.cluster.get(ServiceMonitorObject.self, bad.key))
            #expect(fixed.status?["observedGeneration"] == .int(2))

            try await h.cluster.delete(ServiceMonitorObject.self, bad.key)
            #expect(try await eventually { !h.engine.jobNames.contains("serviceMonitor/shop/broken/0") })
            #expect(try await eventually { try await !h.config().contains("serviceMonitor/shop/broken/0") })
        }
    }

    @Test("no matching Service and a missing port name are reported with field paths")
    func resolutionProblems() async throws {
        try await Harness.run { h in
            var orphan = Fixture.monitor(name: "orphan")
            orphan.spec?["selector"] = ["matchLabels": ["app": "nothing"]]
            try await h.cluster.apply(orphan)
            var wrongPort = Fixture.monitor(name: "wrong-port")
            wrongPort.spec?["endpoints"] = [["port": "web"]]
            try await h.cluster.apply(wrongPort)
            #expect(try await eventually {
                let orphanReason = try await h.conditions(of: orphan.key)[.accepted]?.reason
                let portReason = try await h.conditions(of: wrongPort.key)[.accepted]?.reason
                return orphanReason == .noMatchingService && portReason == .portNotFound
            })
            #expect(try await h.conditions(of: orphan.key)[.accepted]?.message.hasPrefix("spec.selector: no Service") == true)
            #expect(try await h.conditions(of: wrongPort.key)[.accepted]?.message
                == "spec.endpoints[0].port: no port named \"web\" on Service shop/checkout")
        }
    }

    @Test("a new EndpointSlice re-reconciles the monitor that selects its Service")
    func endpointSliceChange() async throws {
        try await Harness.run { h in
            let monitor = try await h.cluster.apply(Fixture.monitor())
            #expect(try await eventually { try await h.isReady(monitor.key) })
            var second = Fixture.endpointSlice
            second.metadata.name = "checkout-def"
            second.endpoints?[0].addresses = ["10.0.0.8"]
            second.endpoints?[0].targetRef = nil
            try await h.cluster.apply(second)
            #expect(try await eventually {
                try await h.cluster.get(ServiceMonitorObject.self, monitor.key)?.status?["targetsTotal"] == .int(2)
            })
        }
    }

    @Test("the configured Grafana dashboard label and external labels reach the ConfigMaps and the config")
    func dashboardLabelAndExternalLabels() async throws {
        let options = OperatorOptions(operatorNamespace: "vigil-system", statusResync: .milliseconds(200),
                                      grafanaDashboardLabel: (name: "team_dashboards", value: "yes"),
                                      externalLabels: ["cluster": "prod-eu"])
        try await Harness.run(options: options) { h in
            _ = try await h.cluster.apply(Fixture.monitor())
            let slo = try await h.cluster.apply(Fixture.serviceLevel())
            #expect(try await eventually {
                try await h.cluster.list(ConfigMap.self, namespace: "vigil-system").contains {
                    $0.metadata.labels?["team_dashboards"] == "yes" && $0.metadata.labels?["grafana_dashboard"] == nil
                        && $0.metadata.annotations?["vigil.dev/source"] == "ServiceLevel/\(slo.key)"
                        && $0.metadata.ownerReferences == nil
                }
            })
            #expect(try await eventually { try await h.config().contains("    cluster: prod-eu\n") })
        }
    }

    @Test("rules and SLOs land in rule ConfigMaps; an invalid rule is left out and reported")
    func ruleFiles() async throws {
        try await Harness.run { h in
            let rule = try await h.cluster.apply(Fixture.rule())
            let slo = try await h.cluster.apply(Fixture.serviceLevel())
            let broken = try await h.cluster.apply(Fixture.rule(name: "broken", expr: "sum(("))
            let configMapKey = ObjectKey(namespace: "vigil-system", name: "vigil-rulefiles-0")
            #expect(try await eventually {
                (try await h.cluster.get(ConfigMap.self, configMapKey)?.data?.count ?? 0) == 2
            })
            let data = try #require(try await h.cluster.get(ConfigMap.self, configMapKey)?.data)
            let names = data.keys.sorted()
            #expect(names == [Controller.fileName(rule.metadata), Controller.fileName(slo.metadata)].sorted())
            #expect(data[Controller.fileName(slo.metadata)]?.contains("slo:sli_error:ratio_rate5m") == true)
            let configMap = try #require(try await h.cluster.get(ConfigMap.self, configMapKey))
            #expect(configMap.metadata.labels?[OperatorOptions.ruleFilesLabel] == "true")
            #expect(try await eventually {
                let status = try await h.cluster.get(PrometheusRuleObject.self, broken.key)?.status
                return Fixture.conditions(status)[.accepted]?.reason == .invalidConfiguration
            })
            #expect(try await eventually {
                let sloStatus = try await h.cluster.get(ServiceLevelObject.self, slo.key)?.status
                // Without a rule evaluator in this harness the SLO waits for its first evaluation.
                return Fixture.conditions(sloStatus)[.accepted]?.status == .true
                    && Fixture.conditions(sloStatus)[.ready]?.reason.rawValue == "AwaitingEvaluation"
            })
            let writes = h.cluster.writeCount
            h.controller.enqueueEverything()
            try await Task.sleep(for: .milliseconds(300))
            let configMapAfter = try await h.cluster.get(ConfigMap.self, configMapKey)
            #expect(configMapAfter?.metadata.resourceVersion == configMap.metadata.resourceVersion)
            #expect(h.cluster.writeCount - writes < 10)  // only status of scraped monitors may move

            let sloDashboard: @Sendable () async throws -> ConfigMap? = {
                try await h.cluster.list(ConfigMap.self, namespace: "vigil-system").first {
                    $0.metadata.labels?["grafana_dashboard"] == "1"
                        && $0.metadata.annotations?["vigil.dev/source"] == "ServiceLevel/\(slo.key)"
                }
            }
            #expect(try await eventually { try await sloDashboard() != nil })
            try await h.cluster.delete(PrometheusRuleObject.self, rule.key)
            try await h.cluster.delete(ServiceLevelObject.self, slo.key)
            #expect(try await eventually { try await h.cluster.get(ConfigMap.self, configMapKey) == nil })
            #expect(try await eventually { try await sloDashboard() == nil }, "the SLO's dashboard is deleted with it")
        }
    }

    @Test("with dashboardsBesideSources a dashboard ConfigMap lives beside its ServiceLevel, owned by it")
    func dashboardsBesideSources() async throws {
        let options = OperatorOptions(operatorNamespace: "vigil-system", statusResync: .milliseconds(200),
                                      dashboardsBesideSources: true)
        try await Harness.run(options: options) { h in
            let slo = try await h.cluster.apply(Fixture.serviceLevel())
            #expect(try await eventually {
                try await h.cluster.list(ConfigMap.self, namespace: Fixture.namespace).contains {
                    $0.metadata.labels?["grafana_dashboard"] == "1" && $0.metadata.ownerReferences?.first?.name == slo.metadata.name
                }
            })
        }
    }

    @Test("dashboard ConfigMaps left by a previous run for objects that are gone are deleted after a restart")
    func staleDashboardsFromAPreviousRun() async throws {
        let cluster = InMemoryCluster()
        let leftover = ConfigMap(
            metadata: ObjectMeta(name: "vigil-sm-gone", namespace: "vigil-system", labels: [
                "grafana_dashboard": "1", "app.kubernetes.io/managed-by": "vigil", "vigil.dev/dashboard-kind": "targets",
            ]),
            data: ["vigil-sm-gone.json": "{}"])
        let unrelated = ConfigMap(
            metadata: ObjectMeta(name: "someone-elses", namespace: "vigil-system", labels: ["grafana_dashboard": "1"]),
            data: ["x.json": "{}"])
        try await cluster.apply(Namespace(metadata: ObjectMeta(name: "vigil-system")))
        try await cluster.apply(leftover)
        try await cluster.apply(unrelated)
        try await Harness.run(cluster: cluster) { h in
            _ = try await h.cluster.apply(Fixture.monitor())
            #expect(try await eventually { try await h.cluster.get(ConfigMap.self, leftover.key) == nil })
            #expect(try await h.cluster.get(ConfigMap.self, unrelated.key) != nil, "only Vigil's own dashboards are deleted")
        }
    }

    @Test("without per-ServiceMonitor dashboards only the overview and the SLO dashboards are written")
    func noServiceMonitorDashboards() async throws {
        let options = OperatorOptions(operatorNamespace: "vigil-system", statusResync: .milliseconds(200),
                                      serviceMonitorDashboards: false)
        try await Harness.run(options: options) { h in
            _ = try await h.cluster.apply(Fixture.monitor())
            let slo = try await h.cluster.apply(Fixture.serviceLevel())
            let kinds: @Sendable () async throws -> [String] = {
                try await h.cluster.list(ConfigMap.self, namespace: "vigil-system")
                    .compactMap { $0.metadata.labels?["vigil.dev/dashboard-kind"] }.sorted()
            }
            #expect(try await eventually {
                try await h.cluster.list(ConfigMap.self, namespace: "vigil-system").contains {
                    $0.metadata.annotations?["vigil.dev/source"] == "ServiceLevel/\(slo.key)"
                }
            })
            let written = try await kinds()
            #expect(!written.contains("targets"), "\(written)")
            #expect(written.contains("overview"))
        }
    }
}
