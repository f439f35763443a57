import KubernetesClient
import TSDB

/// The label sets Prometheus's Kubernetes service discovery would produce for one
/// Service, computed from the cached Service, its EndpointSlices and their Pods: one
/// per endpoint address and port, plus one per container port of an endpoint's Pod that
/// no port of the slice covers (as Prometheus does), with the `__meta_kubernetes_*`
/// labels that the generated relabel chain reads (role `endpointslice`, or `endpoints`
/// with the same values under the Endpoints names).
///
/// Pure: objects in, labels out, so it is table-tested without a cluster.
public enum EndpointDiscovery {
    /// The discovery role, which decides the label prefix.
    public enum Role: String, Sendable {
        case endpointslice
        case endpoints
    }

    /// Label sets of every endpoint-port of `service`.
    public static func targets(service: Service, slices: [EndpointSlice], pods: [String: Pod], role: Role) -> [TSDB.Labels] {
        let namespace = service.metadata.namespace ?? ""
        var serviceLabels: [String: String] = ["__meta_kubernetes_namespace": namespace]
        serviceLabels["__meta_kubernetes_service_name"] = service.metadata.name ?? ""
        addMap(service.metadata.labels, prefix: "__meta_kubernetes_service_label_",
               present: "__meta_kubernetes_service_labelpresent_", into: &serviceLabels)
        addMap(service.metadata.annotations, prefix: "__meta_kubernetes_service_annotation_",
               present: "__meta_kubernetes_service_annotationpresent_", into: &serviceLabels)
        var result: [TSDB.Labels] = []
        for slice in slices.sorted(by: { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }) {
            var sliceLabels = serviceLabels
            switch role {
            case .endpointslice:
                sliceLabels["__meta_kubernetes_endpointslice_name"] = slice.metadata.name ?? ""
                sliceLabels["__meta_kubernetes_endpointslice_address_type"] = slice.addressType
                addMap(slice.metadata.labels, prefix: "__meta_kubernetes_endpointslice_label_",
                       present: "__meta_kubernetes_endpointslice_labelpresent_", into: &sliceLabels)
            case .endpoints:
                sliceLabels["__meta_kubernetes_endpoints_name"] = service.metadata.name ?? ""
            }
            var seenPods: [(pod: Pod, ports: Set<Int32>)] = []
            for endpoint in slice.endpoints ?? [] {
                for address in endpoint.addresses {
                    for port in slice.ports ?? [] {
                        guard let number = port.port else { continue }
                        var labels = sliceLabels
                        addEndpoint(endpoint, port: port, role: role, into: &labels)
                        labels["__address__"] = joinHostPort(address, number)
                        if endpoint.targetRef?.kind == "Pod", let name = endpoint.targetRef?.name, let pod = pods[name] {
                            addPod(pod, port: number, into: &labels)
                            if let index = seenPods.firstIndex(where: { $0.pod.metadata.name == name }) {
                                seenPods[index].ports.insert(number)
                            } else {
                                seenPods.append((pod, [number]))
                            }
                        }
                        result.append(TSDB.Labels(labels))
                    }
                }
            }
            for (pod, covered) in seenPods {
                result += uncoveredContainerPorts(of: pod, covered: covered, groupLabels: sliceLabels)
            }
        }
        return result
    }

    /// Prometheus also discovers every container port of an endpoint's Pod that no port
    /// of the slice covers: `podIP:containerPort`, with the slice's group labels (namespace,
    /// Service, slice) and the Pod's, but no endpoint labels. A monitor whose `targetPort`
    /// names such a container port scrapes it there.
    private static func uncoveredContainerPorts(of pod: Pod, covered: Set<Int32>,
                                                groupLabels: [String: String]) -> [TSDB.Labels] {
        guard let podIP = pod.status?.podIP, !podIP.isEmpty else { return [] }  // starting or evicted
        var result: [TSDB.Labels] = []
        for container in pod.spec?.containers ?? [] {
            for port in container.ports ?? [] where !covered.contains(port.containerPort) {
                var labels = groupLabels
                labels["__address__"] = joinHostPort(podIP, port.containerPort)
                addPodMetadata(pod, into: &labels)
                addContainer(container, port: port, isInit: false, into: &labels)
                result.append(TSDB.Labels(labels))
            }
        }
        return result
    }

    private static func addEndpoint(_ endpoint: EndpointSlice.Endpoint, port: EndpointSlice.Port, role: Role,
                                    into labels: inout [String: String]) {
        switch role {
        case .endpointslice:
            let prefix = "__meta_kubernetes_endpointslice_"
            labels[prefix + "port"] = port.port.map(String.init) ?? ""
            labels[prefix + "port_name"] = port.name ?? ""
            labels[prefix + "port_protocol"] = port.protocol ?? "TCP"
            if let appProtocol = port.appProtocol { labels[prefix + "port_app_protocol"] = appProtocol }
            if let ready = endpoint.conditions?.ready { labels[prefix + "endpoint_conditions_ready"] = String(ready) }
            if let serving = endpoint.conditions?.serving { labels[prefix + "endpoint_conditions_serving"] = String(serving) }
            if let terminating = endpoint.conditions?.terminating {
                labels[prefix + "endpoint_conditions_terminating"] = String(terminating)
            }
            if let hostname = endpoint.hostname { labels[prefix + "endpoint_hostname"] = hostname }
            if let node = endpoint.nodeName { labels[prefix + "endpoint_node_name"] = node }
            if let zone = endpoint.zone { labels[prefix + "endpoint_zone"] = zone }
            if let target = endpoint.targetRef {
                labels[prefix + "address_target_kind"] = target.kind ?? ""
                labels[prefix + "address_target_name"] = target.name ?? ""
            }
        case .endpoints:
            let prefix = "__meta_kubernetes_endpoint_"
            labels[prefix + "port_name"] = port.name ?? ""
            labels[prefix + "port_protocol"] = port.protocol ?? "TCP"
            labels[prefix + "ready"] = String(endpoint.conditions?.ready ?? true)
            if let hostname = endpoint.hostname { labels[prefix + "hostname"] = hostname }
            if let node = endpoint.nodeName { labels[prefix + "node_name"] = node }
            if let target = endpoint.targetRef {
                labels[prefix + "address_target_kind"] = target.kind ?? ""
                labels[prefix + "address_target_name"] = target.name ?? ""
            }
        }
    }

    private static func addPod(_ pod: Pod, port: Int32, into labels: inout [String: String]) {
        addPodMetadata(pod, into: &labels)
        for (isInit, containers) in [(false, pod.spec?.containers ?? []), (true, pod.spec?.initContainers ?? [])] {
            for container in containers {
                guard let match = container.ports?.first(where: { $0.containerPort == port }) else { continue }
                addContainer(container, port: match, isInit: isInit, into: &labels)
                return
            }
        }
    }

    private static func addPodMetadata(_ pod: Pod, into labels: inout [String: String]) {
        labels["__meta_kubernetes_pod_name"] = pod.metadata.name ?? ""
        labels["__meta_kubernetes_pod_ip"] = pod.status?.podIP ?? ""
        labels["__meta_kubernetes_pod_node_name"] = pod.spec?.nodeName ?? ""
        labels["__meta_kubernetes_pod_host_ip"] = pod.status?.hostIP ?? ""
        labels["__meta_kubernetes_pod_uid"] = pod.metadata.uid ?? ""
        labels["__meta_kubernetes_pod_phase"] = pod.status?.phase ?? ""
        let ready = pod.status?.conditions?.first { $0.type == "Ready" }?.status
        labels["__meta_kubernetes_pod_ready"] = ready.map { $0.lowercased() } ?? "unknown"
        if let owner = pod.metadata.ownerReferences?.first(where: { $0.controller == true }) {
            labels["__meta_kubernetes_pod_controller_kind"] = owner.kind
            labels["__meta_kubernetes_pod_controller_name"] = owner.name
        }
        addMap(pod.metadata.labels, prefix: "__meta_kubernetes_pod_label_",
               present: "__meta_kubernetes_pod_labelpresent_", into: &labels)
        addMap(pod.metadata.annotations, prefix: "__meta_kubernetes_pod_annotation_",
               present: "__meta_kubernetes_pod_annotationpresent_", into: &labels)
    }

    private static func addContainer(_ container: Pod.Container, port: Pod.ContainerPort, isInit: Bool,
                                     into labels: inout [String: String]) {
        labels["__meta_kubernetes_pod_container_name"] = container.name
        labels["__meta_kubernetes_pod_container_image"] = container.image ?? ""
        labels["__meta_kubernetes_pod_container_port_name"] = port.name ?? ""
        labels["__meta_kubernetes_pod_container_port_number"] = String(port.containerPort)
        labels["__meta_kubernetes_pod_container_port_protocol"] = port.protocol ?? "TCP"
        labels["__meta_kubernetes_pod_container_init"] = String(isInit)
    }

    private static func addMap(_ map: [String: String]?, prefix: String, present: String,
                               into labels: inout [String: String]) {
        for (name, value) in map ?? [:] {
            let sanitized = sanitize(name)
            labels[prefix + sanitized] = value
            labels[present + sanitized] = "true"
        }
    }

    /// Prometheus's `strutil.SanitizeLabelName`: every character outside
    /// `[a-zA-Z0-9_]` becomes `_`.
    public static func sanitize(_ name: String) -> String {
        String(name.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_": Character(scalar)
            default: "_"
            }
        })
    }

    /// `host:port`, with brackets around an IPv6 address (Go's `net.JoinHostPort`).
    static func joinHostPort(_ host: String, _ port: Int32) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
