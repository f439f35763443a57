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
    func backends() -> [Backend] {
        [
            Backend(namespace: "shop", service: "web",
                    labels: ["app": "web", "tier": "frontend", "app.kubernetes.io/part-of": "shop"],
                    servicePort: ("http-metrics", 80, .string("http-metrics")), endpointPort: portA,
                    podLabels: ["app": "web", "version": "v1", "app.kubernetes.io/version": "1.0", "team": "Checkout-Team"],
                    containerPorts: [("http-metrics", portA), ("debug", portB)]),
            Backend(namespace: "shop", service: "web-canary", labels: ["app": "web", "tier": "canary"],
                    servicePort: ("http-metrics", 80, .string("http-metrics")), endpointPort: portA,
                    podLabels: ["app": "web", "version": "v2"], containerPorts: [("http-metrics", portA)]),
            Backend(namespace: "shop", service: "unmonitored", labels: ["app": "unmonitored"],
                    servicePort: ("http-metrics", 80, nil), endpointPort: portA,
                    podLabels: ["app": "unmonitored"], containerPorts: [("http-metrics", portA)]),
            Backend(namespace: "shop", service: "down", labels: ["app": "down", "team": "ops"],
                    servicePort: ("metrics", 80, .int(Int(closedPort))), endpointPort: closedPort,
                    podLabels: ["app": "down"], containerPorts: [("metrics", closedPort)]),
            // Selected, but its Pod has finished: the generated chain drops it.
            Backend(namespace: "shop", service: "batch", labels: ["app": "down", "team": "ops"],
                    servicePort: ("metrics", 80, nil), endpointPort: portA,
                    podLabels: ["app": "batch"], containerPorts: [("metrics", portA)], phase: "Succeeded"),
            Backend(namespace: "payments", service: "api", labels: ["app": "api"],
                    servicePort: ("http", 8080, .int(Int(portB))), endpointPort: portB,
                    podLabels: ["app": "api"], containerPorts: [("exported", portB)]),
            // Its Service exposes port A only; the monitor's targetPort B is a container
            // port that no slice lists.
            Backend(namespace: "other", service: "api", labels: ["app": "api"],
                    servicePort: ("http", 80, .int(Int(portA))), endpointPort: portA,
                    podLabels: ["app": "api"], containerPorts: [("web", portA), ("exported", portB)]),
            Backend(namespace: "payments", service: "secure", labels: ["app": "secure"],
                    servicePort: ("web", 443, .string("secure-port")), endpointPort: portA,
                    podLabels: ["app": "secure"], containerPorts: [("secure-port", portA)]),
            Backend(namespace: "other", service: "secure", labels: ["app": "secure"],
                    servicePort: ("web", 443, .string("secure-port")), endpointPort: portA,
                    podLabels: ["app": "secure"], containerPorts: [("secure-port", portA)]),
        ]
    }

    func monitors() -> [ServiceMonitorObject] {
        let web: JSONValue = [
            "selector": ["matchLabels": ["app": "web"],
                         "matchExpressions": [["key": "tier", "operator": "In", "values": ["frontend", "edge"]],
                                              ["key": "app.kubernetes.io/part-of", "operator": "Exists"],
                                              ["key": "stage", "operator": "DoesNotExist"]]],
            "podTargetLabels": ["version", "app.kubernetes.io/version"],
            "targetLabels": ["tier", "app.kubernetes.io/part-of"],
            "endpoints": [
                ["port": "http-metrics", "interval": "1s",
                 "relabelings": [
                    ["sourceLabels": ["__meta_kubernetes_pod_container_image"], "targetLabel": "image", "action": "replace"],
                    ["sourceLabels": ["__meta_kubernetes_pod_phase"], "regex": "Running", "action": "keep"],
                    ["regex": "__meta_kubernetes_pod_label_(.+)", "replacement": "pod_label_${1}", "action": "labelmap"],
                    ["sourceLabels": ["__meta_kubernetes_pod_label_team"], "targetLabel": "team", "action": "lowercase"],
                    ["sourceLabels": ["__meta_kubernetes_endpointslice_port"], "targetLabel": "__tmp_port"],
                    ["sourceLabels": ["__meta_kubernetes_pod_container_port_number"], "targetLabel": "__tmp_port",
                     "action": "keepequal"],
                    ["sourceLabels": ["__address__"], "modulus": 8, "targetLabel": "__tmp_bucket", "action": "hashmod"],
                    ["sourceLabels": ["__tmp_bucket"], "targetLabel": "bucket"],
                 ],
                 "metricRelabelings": [
                    ["sourceLabels": ["__name__"], "regex": "shop_debug_.*", "action": "drop"],
                    ["sourceLabels": ["code"], "regex": "5..", "targetLabel": "class", "replacement": "error"],
                 ]],
                ["port": "http-metrics", "path": .string(ConfigTargets.Path.probe), "interval": "1s",
                 "params": ["module": ["http_2xx"], "target": ["a b&c=d", "x/y"]],
                 "relabelings": [
                    ["sourceLabels": ["__param_module"], "targetLabel": "probe_module", "action": "replace"],
                    ["sourceLabels": ["__meta_kubernetes_pod_label_version"], "regex": "v9", "action": "drop"],
                 ]],
                ["port": "http-metrics", "path": .string(ConfigTargets.Path.exported), "interval": "2s",
                 "relabelings": [["targetLabel": "source", "replacement": "exported", "action": "replace"]]],
            ],
        ]
        let api: JSONValue = [
            "namespaceSelector": ["any": true],
            "selector": ["matchLabels": ["app": "api"]],
            "endpoints": [["targetPort": .int(Int64(portB)), "path": .string(ConfigTargets.Path.exported), "interval": "1s",
                           "honorLabels": true]],
        ]
        let secure: JSONValue = [
            "namespaceSelector": ["matchNames": ["payments"]],
            "selector": ["matchLabels": ["app": "secure"]],
            "endpoints": [["targetPort": "secure-port", "path": .string(ConfigTargets.Path.secure), "interval": "1s",
                           "basicAuth": ["username": ["name": "scrape-auth", "key": "user"],
                                         "password": ["name": "scrape-auth", "key": "pass"]]]],
        ]
        let down: JSONValue = [
            "jobLabel": "team",
            "selector": ["matchLabels": ["app": "down"]],
            "endpoints": [["port": "metrics", "interval": "1s"]],
        ]
        let moved: JSONValue = [
            "selector": ["matchLabels": ["app": "web", "tier": "frontend"]],
            "endpoints": [
                ["port": "http-metrics", "path": .string(ConfigTargets.Path.moved), "interval": "1s",
                 "relabelings": [["targetLabel": "redirects", "replacement": "followed"]]],
                ["port": "http-metrics", "path": .string(ConfigTargets.Path.moved), "interval": "1s",
                 "followRedirects": false,
                 "relabelings": [["targetLabel": "redirects", "replacement": "refused"]]],
            ],
        ]
        // Limits: /metrics has more samples than 2; two targets are more than 1.
        let sampleLimited: JSONValue = [
            "selector": ["matchLabels": ["app": "web", "tier": "frontend"]],
            "sampleLimit": 2,
            "endpoints": [["port": "http-metrics", "interval": "1s",
                           "relabelings": [["targetLabel": "limit", "replacement": "samples"]]]],
        ]
        let targetLimited: JSONValue = [
            "namespaceSelector": ["any": true],
            "selector": ["matchLabels": ["app": "api"]],
            "targetLimit": 1,
            "endpoints": [["targetPort": .int(Int64(portB)), "path": .string(ConfigTargets.Path.exported), "interval": "1s",
                           "relabelings": [["targetLabel": "limit", "replacement": "targets"]]]],
        ]
        // Bearer credentials both ways; a target moved to another port and path by
        // relabeling, with capture groups, a separator and a metric labeldrop.
        let token: JSONValue = [
            "selector": ["matchLabels": ["app": "secure"]],
            "endpoints": [
                ["targetPort": "secure-port", "path": .string(ConfigTargets.Path.token), "interval": "1s",
                 "bearerTokenSecret": ["name": "scrape-auth", "key": "token"],
                 "relabelings": [["targetLabel": "auth", "replacement": "bearer-secret"]]],
                ["targetPort": "secure-port", "path": .string(ConfigTargets.Path.token), "interval": "1s",
                 "authorization": ["credentials": ["name": "scrape-auth", "key": "token"]],
                 "relabelings": [["targetLabel": "auth", "replacement": "authorization"]]],
                ["targetPort": "secure-port", "interval": "1s",
                 "relabelings": [
                    ["sourceLabels": ["__address__"], "regex": "([^:]+)(?::\\d+)?",
                     "replacement": .string("$1:\(portB)"), "targetLabel": "__address__"],
                    ["targetLabel": "__metrics_path__", "replacement": .string(ConfigTargets.Path.exported)],
                    ["sourceLabels": ["__meta_kubernetes_namespace", "__meta_kubernetes_pod_name"], "separator": "-",
                     "regex": "(.*)-(.*)-0", "replacement": "$2@$1", "targetLabel": "where"],
                 ],
                 "metricRelabelings": [["regex": "zone", "action": "labeldrop"]]],
            ],
        ]
        return [
            ServiceMonitorObject(metadata: ObjectMeta(name: "token", namespace: "payments"), spec: token),
            ServiceMonitorObject(metadata: ObjectMeta(name: "sample-limited", namespace: "shop"), spec: sampleLimited),
            ServiceMonitorObject(metadata: ObjectMeta(name: "target-limited", namespace: "payments"), spec: targetLimited),
            ServiceMonitorObject(metadata: ObjectMeta(name: "web", namespace: "shop"), spec: web),
            ServiceMonitorObject(metadata: ObjectMeta(name: "moved", namespace: "shop"), spec: moved),
            ServiceMonitorObject(metadata: ObjectMeta(name: "api-anywhere", namespace: "payments"), spec: api),
            ServiceMonitorObject(metadata: ObjectMeta(name: "secure", namespace: "payments"), spec: secure),
            ServiceMonitorObject(metadata: ObjectMeta(name: "down", namespace: "shop"), spec: down),
        ]
    }
}

/// One Service with one EndpointSlice whose single endpoint is a Pod at 127.0.0.1.
struct Backend {
    var namespace: String
    var service: String
    var labels: [String: String]
    /// Name, port and targetPort of the Service's only port (the slice's port name).
    var servicePort: (name: String, port: Int32, targetPort: IntOrString?)
    /// The port number in the slice: where the Pod really listens.
    var endpointPort: Int32
    var podLabels: [String: String]
    var containerPorts: [(name: String, number: Int32)]
    var phase = "Running"

    var podName: String { "\(service)-0" }

    func objects() throws -> [any KubernetesResource] {
        var port = ServicePort(name: servicePort.name, port: servicePort.port, targetPort: servicePort.targetPort)
        port.protocol = "TCP"
        let service = Service(metadata: ObjectMeta(name: service, namespace: namespace, labels: labels),
                              spec: ServiceSpec(selector: podLabels, ports: [port]))
        var slicePort = EndpointSlice.Port(name: servicePort.name, port: endpointPort)
        slicePort.protocol = "TCP"
        let slice = EndpointSlice(
            metadata: ObjectMeta(name: "\(self.service)-x7k2p", namespace: namespace,
                                 labels: ["kubernetes.io/service-name": self.service,
                                          "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io"]),
            endpoints: [EndpointSlice.Endpoint(
                addresses: ["127.0.0.1"], conditions: EndpointSlice.Conditions(ready: true, serving: true, terminating: false),
                targetRef: ObjectReference(kind: "Pod", namespace: namespace, name: podName))],
            ports: [slicePort])
        let ports: [JSONValue] = containerPorts.map { port in
            ["name": .string(port.name), "containerPort": .int(Int64(port.number)), "protocol": "TCP"]
        }
        let labelValues = podLabels.mapValues { JSONValue.string($0) }
        let pod = try JSONCoding.decode(Pod.self, from: [
            "metadata": ["name": .string(podName), "namespace": .string(namespace), "uid": .string("uid-\(namespace)-\(podName)"),
                         "labels": .object(labelValues)],
            "spec": ["nodeName": "node-1",
                     "containers": [["name": "app", "image": .string("example/\(self.service):1.0"), "ports": .array(ports)]]],
            "status": ["phase": .string(phase), "podIP": "127.0.0.1", "hostIP": "10.0.0.1",
                       "conditions": [["type": "Ready", "status": "True"]]],
        ])
        return [service, slice, pod]
    }
}
