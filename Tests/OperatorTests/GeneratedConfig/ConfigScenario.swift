import Foundation
import KubernetesClient
@testable import Operator

/// The cluster of ``GeneratedConfigOracleTests``: namespaces `shop`, `payments` and
/// `other`, Services whose EndpointSlices point at the in-process targets on 127.0.0.1
/// (one Pod each), a credentials Secret, and ServiceMonitors that between them use
/// matchLabels and matchExpressions, namespaceSelector `any` and `matchNames`, `port`,
/// `targetPort` by number and by name, relabelings (keep, drop, replace to a new label,
/// labelmap, lowercase, keepequal, hashmod), metricRelabelings, honorLabels, jobLabel,
/// podTargetLabels, targetLabels (label names that need sanitizing), params, basic auth,
/// bearer tokens, followRedirects, sampleLimit, targetLimit, relabeled `__address__` and
/// `__metrics_path__`, and per-endpoint intervals.
///
/// Services nobody should scrape are there on purpose: `shop/unmonitored` (no monitor
/// selects it), `shop/web-canary` (fails a matchExpression), `other/secure` (outside
/// matchNames), `shop/batch` (its Pod has Succeeded). Pods also declare container ports
/// their Service does not expose, which endpointslice discovery turns into extra targets;
/// `other/api`'s is the one the `api-anywhere` monitor's targetPort names.
struct ConfigScenario {
    /// Two listening ports and one nothing listens on.
    let portA: Int32
    let portB: Int32
    let closedPort: Int32

    static let namespaces = ["shop", "payments", "other"]

    /// Every object to apply before the controller starts.
    func objects() throws -> [any KubernetesResource] {
        var objects: [any KubernetesResource] = (Self.namespaces + ["vigil-system"]).map {
            Namespace(metadata: ObjectMeta(name: $0))
        }
        objects.append(Secret(metadata: ObjectMeta(name: "scrape-auth", namespace: "payments"), type: "Opaque", data: [
            "user": Data(ConfigTargets.username.utf8).base64EncodedString(),
            "pass": Data(ConfigTargets.password.utf8).base64EncodedString(),
            "token": Data(ConfigTargets.token.utf8).base64EncodedString(),
        ]))
        for backend in backends() {
            objects += try backend.objects()
        }
        return objects + monitors()
    }

    /// Service, slice and Pod of each backend.
    func backends() -> [ScenarioBackend] {
        [
            ScenarioBackend(namespace: "shop", service: "web",
                    labels: ["app": "web", "tier": "frontend", "app.kubernetes.io/part-of": "shop"],
                    servicePort: ("http-metrics", 80, .string("http-metrics")), endpointPort: portA,
                    podLabels: ["app": "web", "version": "v1", "app.kubernetes.io/version": "1.0", "team": "Checkout-Team"],
                    containerPorts: [("http-metrics", portA), ("debug", portB)]),
            ScenarioBackend(namespace: "shop", service: "web-canary", labels: ["app": "web", "tier": "canary"],
                    servicePort: ("http-metrics", 80, .string("http-metrics")), endpointPort: portA,
                    podLabels: ["app": "web", "version": "v2"], containerPorts: [("http-metrics", portA)]),
            ScenarioBackend(namespace: "shop", service: "unmonitored", labels: ["app": "unmonitored"],
                    servicePort: ("http-metrics", 80, nil), endpointPort: portA,
                    podLabels: ["app": "unmonitored"], containerPorts: [("http-metrics", portA)]),
            ScenarioBackend(namespace: "shop", service: "down", labels: ["app": "down", "team": "ops"],
                    servicePort: ("metrics", 80, .int(Int(closedPort))), endpointPort: closedPort,
                    podLabels: ["app": "down"], containerPorts: [("metrics", closedPort)]),
            // Selected, but its Pod has finished: the generated chain drops it.
            ScenarioBackend(namespace: "shop", service: "batch", labels: ["app": "down", "team": "ops"],
                    servicePort: ("metrics", 80, nil), endpointPort: portA,
                    podLabels: ["app": "batch"], containerPorts: [("metrics", portA)], phase: "Succeeded"),
            ScenarioBackend(namespace: "payments", service: "api", labels: ["app": "api"],
                    servicePort: ("http", 8080, .int(Int(portB))), endpointPort: portB,
                    podLabels: ["app": "api"], containerPorts: [("exported", portB)]),
            // Its Service exposes port A only; the monitor's targetPort B is a container
            // port that no slice lists.
            ScenarioBackend(namespace: "other", service: "api", labels: ["app": "api"],
                    servicePort: ("http", 80, .int(Int(portA))), endpointPort: portA,
                    podLabels: ["app": "api"], containerPorts: [("web", portA), ("exported", portB)]),
            ScenarioBackend(namespace: "payments", service: "secure", labels: ["app": "secure"],
                    servicePort: ("web", 443, .string("secure-port")), endpointPort: portA,
                    podLabels: ["app": "secure"], containerPorts: [("secure-port", portA)]),
            ScenarioBackend(namespace: "other", service: "secure", labels: ["app": "secure"],
                    servicePort: ("web", 443, .string("secure-port")), endpointPort: portA,
                    podLabels: ["app": "secure"], containerPorts: [("secure-port", portA)]),
        ]
    }
}
