import FakeKubernetesAPIServer

/// The benchmark's cluster: monitor i in namespace `ns-(i % namespaces)` selects Service
/// `svc-i` (label `app: svc-i`, port `metrics`), whose one EndpointSlice holds
/// `endpointsPerMonitor` ready addresses. No Pods (endpoints carry no targetRef).
struct Fixture {
    let monitors: Int
    let endpointsPerMonitor: Int
    let namespaces: Int

    func namespace(_ index: Int) -> String { "ns-\(index % namespaces)" }

    static func resource(_ plural: String) -> FakeResource {
        guard let resource = [FakeResource].builtIn.first(where: { $0.plural == plural }) else {
            preconditionFailure("the fake API server serves \(plural)")
        }
        return resource
    }

    func service(_ index: Int, selected: Bool = true) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Service",
            "metadata": [
                "name": .string("svc-\(index)"), "namespace": .string(namespace(index)),
                "labels": ["app": .string(selected ? "svc-\(index)" : "svc-\(index)-off")],
            ],
            "spec": [
                "selector": ["app": .string("svc-\(index)")],
                "ports": [["name": "metrics", "port": 8080, "targetPort": 8080, "protocol": "TCP"]],
            ],
        ]
    }

    /// Addresses are from 198.18.0.0/15 (benchmarking range): never scraped here anyway.
    func endpoint(_ index: Int, _ e: Int) -> JSONValue {
        let n = index * endpointsPerMonitor + e
        return [
            "addresses": [.string("198.\(18 + n / 65_536 % 2).\(n / 256 % 256).\(n % 256)")],
            "conditions": ["ready": true, "serving": true, "terminating": false],
        ]
    }

    func endpointSlice(_ index: Int, extra: Int = 0) -> JSONValue {
        [
            "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
            "metadata": [
                "name": .string("svc-\(index)-slice"), "namespace": .string(namespace(index)),
                "labels": ["kubernetes.io/service-name": .string("svc-\(index)")],
            ],
            "addressType": "IPv4",
            "endpoints": .array((0..<(endpointsPerMonitor + extra)).map { endpoint(index, $0) }),
            "ports": [["name": "metrics", "port": 8080, "protocol": "TCP"]],
        ]
    }

    func serviceMonitor(_ index: Int, interval: String = "30s") -> JSONValue {
        [
            "apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor",
            "metadata": [
                "name": .string("mon-\(index)"), "namespace": .string(namespace(index)),
                "labels": ["team": "bench"],
            ],
            "spec": [
                "selector": ["matchLabels": ["app": .string("svc-\(index)")]],
                "endpoints": [["port": "metrics", "interval": .string(interval), "path": "/metrics"]],
            ],
        ]
    }

    /// Loads everything into the server (direct writes, no HTTP).
    func seed(into server: FakeAPIServer) throws {
        for n in 0..<namespaces { try server.createNamespace("ns-\(n)") }
        try server.createNamespace("vigil-system")
        let services = Self.resource("services"), slices = Self.resource("endpointslices")
        let monitorResource = Self.resource("servicemonitors")
        for index in 0..<monitors {
            try server.seed(services, service(index))
            try server.seed(slices, endpointSlice(index))
            try server.seed(monitorResource, serviceMonitor(index))
        }
    }
}
