import Foundation
import KubernetesClient

/// One Service with one EndpointSlice whose single endpoint is a Pod at 127.0.0.1.
struct ScenarioBackend {
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
