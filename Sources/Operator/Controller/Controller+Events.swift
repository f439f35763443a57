import KubernetesClient
import Monitoring

// Mapping cache events to work items: which reconciles a change can affect.
extension Controller {
    func handle(_ event: ClusterEvent<ServiceMonitorObject>) {
        let previous = serviceMonitors.apply(event)
        if case .upserted(let object) = event { queue.add(.serviceMonitor(object.key)) }
        if case .deleted(let object) = event {
            forgetDecodedMonitor(object.key)
            queue.add(.serviceMonitor(object.key))
        }
        // A change of status alone (most often Vigil's own write coming back through the
        // watch) changes neither the config nor the dashboards: regenerate only on spec,
        // label or generation changes.
        if case .upserted(let object) = event, let previous, previous.spec == object.spec,
           previous.metadata.labels == object.metadata.labels, previous.metadata.generation == object.metadata.generation {
            return
        }
        if serviceMonitors.hasSynced {
            queue.add(.prometheusConfig)
            queue.add(.dashboards)
        }
    }

    func handle(_ event: ClusterEvent<PrometheusRuleObject>) {
        prometheusRules.apply(event)
        if let key = Self.key(of: event) { queue.add(.prometheusRule(key)) }
        if prometheusRules.hasSynced { queue.add(.ruleFiles) }
    }

    func handle(_ event: ClusterEvent<ServiceLevelObject>) {
        serviceLevels.apply(event)
        if let key = Self.key(of: event) { queue.add(.serviceLevel(key)) }
        if serviceLevels.hasSynced {
            queue.add(.ruleFiles)
            queue.add(.dashboards)
        }
    }

    func handle(_ event: ClusterEvent<Service>) {
        let previous = services.apply(event)
        guard let object = Self.object(of: event) else { return }
        var affected = index.monitors(usingService: object.key)
        affected.formUnion(monitorsSelecting(object))
        if let previous { affected.formUnion(monitorsSelecting(previous)) }
        for key in affected { queue.add(.serviceMonitor(key)) }
    }

    func handle(_ event: ClusterEvent<EndpointSlice>) {
        endpointSlices.apply(event)
        guard let object = Self.object(of: event), let serviceName = object.serviceName else { return }
        let serviceKey = ObjectKey(namespace: object.metadata.namespace, name: serviceName)
        var affected = index.monitors(usingService: serviceKey)
        if let service = services.get(serviceKey) { affected.formUnion(monitorsSelecting(service)) }
        for key in affected { queue.add(.serviceMonitor(key)) }
    }

    func handle(_ event: ClusterEvent<Pod>) {
        pods.apply(event)
        guard let object = Self.object(of: event) else { return }
        for key in index.monitors(usingPod: object.key) { queue.add(.serviceMonitor(key)) }
    }

    func handle(_ event: ClusterEvent<Namespace>) {
        namespaces.apply(event)
        // Namespaces change rarely; a new one can bring Services any monitor with
        // `namespaceSelector.any` selects.
        if case .synced = event { return }
        if namespaces.hasSynced { for object in serviceMonitors.list() { queue.add(.serviceMonitor(object.key)) } }
    }

    func handleSecret(_ event: ClusterEvent<Secret>) {
        secrets.apply(event)
        // Credentials are inlined into the configuration; it is rewritten only if its bytes change.
        if secrets.hasSynced, Self.object(of: event)?.metadata.name != OperatorOptions.configSecretName {
            queue.add(.prometheusConfig)
            enqueueMonitors(readingFrom: event)
        }
    }

    /// Monitors whose selector and namespace selection match `service` (a scan of the
    /// monitors, not of the Services).
    func monitorsSelecting(_ service: Service) -> Set<ObjectKey> {
        let namespace = service.metadata.namespace ?? ""
        var result: Set<ObjectKey> = []
        for object in serviceMonitors.list() {
            guard let monitor = try? decodeServiceMonitor(object) else { continue }
            guard selectedNamespaces(for: monitor).contains(namespace) || monitor.spec.namespaceSelector?.any == true
            else { continue }
            if monitor.spec.selector.matches(service.metadata.labels ?? [:]) { result.insert(object.key) }
        }
        return result
    }

    static func key<T: KubernetesResource>(of event: ClusterEvent<T>) -> ObjectKey? { object(of: event)?.key }

    static func object<T: KubernetesResource>(of event: ClusterEvent<T>) -> T? {
        switch event {
        case .upserted(let object), .deleted(let object): object
        case .synced: nil
        }
    }
}
