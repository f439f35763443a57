import Foundation
import KubernetesClient

/// Puts `vigil demo`'s world into an ``InMemoryCluster``: the example manifests, and a
/// Service, EndpointSlice and Pod in front of the local inference service so the
/// examples' ServiceMonitor (`app: kthena`, port `metrics`) selects it.
public enum DemoScenario {
    /// What could not be loaded, per manifest.
    public struct Skipped: Sendable, CustomStringConvertible {
        public var source: String
        public var reason: String
        public var description: String { "\(source): \(reason)" }
    }

    /// The namespace the inference service is placed in (one the example monitor's
    /// `namespaceSelector` lists).
    public static let serviceNamespace = "default"

    /// Applies every ServiceMonitor, PrometheusRule and ServiceLevel among `documents`
    /// (`(source, object)` pairs); other kinds and non-objects are skipped and returned.
    public static func load(_ documents: [(source: String, object: JSONValue)], into cluster: InMemoryCluster)
        async -> [Skipped]
    {
        var skipped: [Skipped] = []
        for (source, document) in documents {
            guard case .object = document else { continue }
            var object = document
            if object.value(at: ["metadata", "namespace"]) == nil {
                object.setValue(.string("default"), at: ["metadata", "namespace"])
            }
            let kind = object["kind"]?.stringValue ?? ""
            do {
                switch kind {
                case "ServiceMonitor": try await cluster.apply(try JSONCoding.decode(ServiceMonitorObject.self, from: object))
                case "PrometheusRule": try await cluster.apply(try JSONCoding.decode(PrometheusRuleObject.self, from: object))
                case "ServiceLevel": try await cluster.apply(try JSONCoding.decode(ServiceLevelObject.self, from: object))
                default: skipped.append(Skipped(source: source, reason: "kind \(kind.isEmpty ? "(none)" : kind) is not loaded"))
                }
            } catch {
                skipped.append(Skipped(source: source, reason: "\(error)"))
            }
        }
        return skipped
    }

    /// Namespaces, and a Service + EndpointSlice + Pod for the inference service on
    /// `127.0.0.1:port`.
    public static func addInferenceService(port: Int, to cluster: InMemoryCluster) async throws {
        for name in ["default", "monitoring", "production", "staging"] {
            try await cluster.apply(Namespace(metadata: ObjectMeta(name: name)))
        }
        let labels = ["app": "kthena", "app.kubernetes.io/name": "kthena-inference"]
        let port32 = Int32(clamping: port)
        var servicePort = ServicePort(name: "metrics", port: port32, targetPort: .int(port))
        servicePort.protocol = "TCP"
        try await cluster.apply(Service(
            metadata: ObjectMeta(name: "kthena-inference", namespace: serviceNamespace, labels: labels),
            spec: ServiceSpec(type: "ClusterIP", selector: ["app": "kthena"], ports: [servicePort])))
        var pod = Pod(metadata: ObjectMeta(name: "kthena-inference-0", namespace: serviceNamespace, labels: labels))
        let json: JSONValue = [
            "spec": ["nodeName": "demo-node", "containers": [[
                "name": "inference", "image": "vigil/synthetic-inference",
                "ports": [["name": "metrics", "containerPort": .int(Int64(port)), "protocol": "TCP"]],
            ]]],
            "status": ["phase": "Running", "podIP": "127.0.0.1", "hostIP": "127.0.0.1",
                       "conditions": [["type": "Ready", "status": "True"]]],
        ]
        pod.spec = try JSONCoding.decode(Pod.PodSpec.self, from: json["spec"] ?? .null)
        pod.status = try JSONCoding.decode(Pod.PodStatus.self, from: json["status"] ?? .null)
        try await cluster.apply(pod)
        var slicePort = EndpointSlice.Port(name: "metrics", port: port32)
        slicePort.protocol = "TCP"
        let endpoint = EndpointSlice.Endpoint(
            addresses: ["127.0.0.1"], conditions: EndpointSlice.Conditions(ready: true, serving: true, terminating: false),
            targetRef: ObjectReference(kind: "Pod", namespace: serviceNamespace, name: "kthena-inference-0"))
        try await cluster.apply(EndpointSlice(
            metadata: ObjectMeta(name: "kthena-inference-demo", namespace: serviceNamespace,
                                 labels: ["kubernetes.io/service-name": "kthena-inference"]),
            endpoints: [endpoint], ports: [slicePort]))
    }
}
