import Foundation
import KubernetesClient
import Monitoring
@testable import Operator
import Scrape
import Testing
import TSDB

@Suite("engine targets from discovered endpoints")
struct EngineTargetTests {
    @Test("endpointslice discovery gives the labels the generated relabel chain reads")
    func discoveryLabels() throws {
        var pod = Fixture.pod
        pod.spec = try JSONCoding.decode(Pod.PodSpec.self, from: [
            "containers": [["name": "app", "ports": [["name": "metrics", "containerPort": 8080]]]],
        ])
        let targets = EndpointDiscovery.targets(service: Fixture.service, slices: [Fixture.endpointSlice],
                                                pods: ["checkout-0": pod], role: .endpointslice)
        let labels = try #require(targets.first)
        #expect(targets.count == 1)
        #expect(labels["__address__"] == "10.0.0.7:8080")
        #expect(labels["__meta_kubernetes_namespace"] == "shop")
        #expect(labels["__meta_kubernetes_service_label_app"] == "checkout")
        #expect(labels["__meta_kubernetes_service_labelpresent_app"] == "true")
        #expect(labels["__meta_kubernetes_endpointslice_port_name"] == "metrics")
        #expect(labels["__meta_kubernetes_endpointslice_address_target_kind"] == "Pod")
        #expect(labels["__meta_kubernetes_pod_phase"] == "Running")
        #expect(labels["__meta_kubernetes_pod_container_name"] == "app")
    }

    @Test("the generated job's relabel chain turns discovered labels into prometheus-operator's target labels")
    func relabelChain() throws {
        let monitor = try ServiceMonitor(json: Data(#"""
            {"metadata":{"name":"checkout","namespace":"shop"},
             "spec":{"selector":{"matchLabels":{"app":"checkout"}},"endpoints":[{"port":"metrics"}]}}
            """#.utf8))
        let job = try #require(ScrapeConfigGenerator.jobs(for: monitor, options: OperatorOptions().generatorOptions).first)
        let options = try ScrapeJobConversion.options(for: job, globalInterval: .seconds(30), globalTimeout: .seconds(10))
        let discovered = EndpointDiscovery.targets(service: Fixture.service, slices: [Fixture.endpointSlice],
                                                   pods: ["checkout-0": Fixture.pod], role: .endpointslice)
        let first = try #require(discovered.first)
        let target = try #require(try ScrapeTarget.make(discovered: first, options: options))
        let labels = target.targetLabels
        #expect(labels["job"] == "checkout")
        #expect(labels["namespace"] == "shop")
        #expect(labels["service"] == "checkout")
        #expect(labels["pod"] == "checkout-0")
        #expect(labels["endpoint"] == "metrics")
        #expect(labels["instance"] == "10.0.0.7:8080")

        var other = Fixture.service
        other.metadata.labels = ["app": "other"]
        let dropped = EndpointDiscovery.targets(service: other, slices: [Fixture.endpointSlice], pods: [:], role: .endpointslice)
        let droppedLabels = try #require(dropped.first)
        #expect(try ScrapeTarget.make(discovered: droppedLabels, options: options) == nil)
    }

    @Test("a container port that no slice port covers is discovered at the Pod's IP, and a targetPort monitor keeps it")
    func uncoveredContainerPort() throws {
        var pod = Fixture.pod
        pod.spec = try JSONCoding.decode(Pod.PodSpec.self, from: [
            "containers": [["name": "app", "image": "shop/checkout:2", "ports": [
                ["name": "metrics", "containerPort": 8080], ["name": "admin", "containerPort": 9090, "protocol": "TCP"],
            ]]],
        ])
        let targets = EndpointDiscovery.targets(service: Fixture.service, slices: [Fixture.endpointSlice],
                                                pods: ["checkout-0": pod], role: .endpointslice)
        #expect(targets.map { $0["__address__"] } == ["10.0.0.7:8080", "10.0.0.7:9090"])
        let extra = try #require(targets.last)
        #expect(extra["__meta_kubernetes_pod_container_port_name"] == "admin")
        #expect(extra["__meta_kubernetes_pod_container_port_number"] == "9090")
        #expect(extra["__meta_kubernetes_pod_container_name"] == "app")
        #expect(extra["__meta_kubernetes_pod_name"] == "checkout-0")
        #expect(extra["__meta_kubernetes_service_name"] == "checkout")
        #expect(extra["__meta_kubernetes_endpointslice_name"] == "checkout-abc")
        #expect(extra["__meta_kubernetes_endpointslice_port_name"] == nil)
        #expect(extra["__meta_kubernetes_endpointslice_address_target_kind"] == nil)

        let monitor = try ServiceMonitor(json: Data(#"""
            {"metadata":{"name":"checkout","namespace":"shop"},
             "spec":{"selector":{"matchLabels":{"app":"checkout"}},"endpoints":[{"targetPort":9090}]}}
            """#.utf8))
        let job = try #require(ScrapeConfigGenerator.jobs(for: monitor, options: OperatorOptions().generatorOptions).first)
        let options = try ScrapeJobConversion.options(for: job, globalInterval: .seconds(30), globalTimeout: .seconds(10))
        let kept = try targets.compactMap { try ScrapeTarget.make(discovered: $0, options: options) }
        #expect(kept.map(\.address) == ["10.0.0.7:9090"])
        #expect(kept.first?.targetLabels["pod"] == "checkout-0")

        pod.status?.podIP = nil  // a Pod without an IP (starting, evicted) adds nothing
        let withoutIP = EndpointDiscovery.targets(service: Fixture.service, slices: [Fixture.endpointSlice],
                                                  pods: ["checkout-0": pod], role: .endpointslice)
        #expect(withoutIP.count == 1)
    }

    @Test("followRedirects from the monitor reaches the engine's options; absent means follow")
    func followRedirects() throws {
        for (field, expected) in [(",\"followRedirects\":false", false), ("", true)] {
            let monitor = try ServiceMonitor(json: Data("""
                {"metadata":{"name":"checkout","namespace":"shop"},
                 "spec":{"selector":{"matchLabels":{"app":"checkout"}},"endpoints":[{"port":"metrics"\(field)}]}}
                """.utf8))
            let job = try #require(ScrapeConfigGenerator.jobs(for: monitor, options: OperatorOptions().generatorOptions).first)
            let options = try ScrapeJobConversion.options(for: job, globalInterval: .seconds(30), globalTimeout: .seconds(10))
            #expect(options.followRedirects == expected, "\(field)")
        }
    }

    @Test("the monitor's targetLimit reaches the engine's options")
    func targetLimit() throws {
        let monitor = try ServiceMonitor(json: Data(#"""
            {"metadata":{"name":"checkout","namespace":"shop"},
             "spec":{"selector":{"matchLabels":{"app":"checkout"}},"targetLimit":3,"endpoints":[{"port":"metrics"}]}}
            """#.utf8))
        let job = try #require(ScrapeConfigGenerator.jobs(for: monitor, options: OperatorOptions().generatorOptions).first)
        let options = try ScrapeJobConversion.options(for: job, globalInterval: .seconds(30), globalTimeout: .seconds(10))
        #expect(options.targetLimit == 3)
    }

    @Test("rule files are packed by sorted name within 512 KiB per ConfigMap")
    func packing() {
        func file(_ name: String, _ kib: Int) -> Controller.RuleFile {
            Controller.RuleFile(name: name, contents: String(repeating: "x", count: kib * 1024), owner: nil, namespace: "a")
        }
        let buckets = Controller.pack([file("c.yaml", 100), file("a.yaml", 300), file("b.yaml", 200), file("d.yaml", 600)])
        #expect(buckets.map { $0.map(\.name) } == [["a.yaml", "b.yaml"], ["c.yaml"], ["d.yaml"]])
        #expect(Controller.pack([]).isEmpty)
    }
}
