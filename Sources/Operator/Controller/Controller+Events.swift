import KubernetesClient
import Monitoring

// Mapping cache events to work items: which reconciles a change can affect.
extension Controller {
    func handle(_ event: ClusterEvent<ServiceMonitorObject>) {
        let previous = serviceMonitors.apply(event)
        if case .deleted(let object) = event { forgetDecodedMonitor(object.key) }
        // Before every cache is in, nothing is reconciled; the first pass takes every object.
        guard hasSynced, let object = Self.object(of: event), !Self.onlyStatusChanged(event, previous: previous)
        else { return }
        queue.add(.serviceMonitor(object.key))
        queue.add(.prometheusConfig)
        queue.add(.dashboards)
    }

    func handle(_ event: ClusterEvent<PrometheusRuleObject>) {
        let previous = prometheusRules.apply(event)
        guard hasSynced, let object = Self.object(of: event), !Self.onlyStatusChanged(event, previous: previous)
        else { return }
        queue.add(.prometheusRule(object.key))
        queue.add(.ruleFiles)
    }

    func handle(_ event: ClusterEvent<ServiceLevelObject>) {
        let previous = serviceLevels.apply(event)
        guard hasSynced, let object = Self.object(of: event), !Self.onlyStatusChanged(event, previous: previous)
        else { return }
        queue.add(.serviceLevel(object.key))
        queue.add(.ruleFiles)
        queue.add(.dashboards)
    }

    /// True for an update that kept the object's ``SpecIdentity``: most often Vigil's own
    /// status write coming back through the watch, which needs no reconcile (status is
    /// recomputed at every status resync anyway).
    static func onlyStatusChanged<Kind>(_ event: ClusterEvent<CustomResourceObject<Kind>>,
                                        previous: CustomResourceObject<Kind>?) -> Bool {
        guard case .upserted(let object) = event, let previous else { return false }
        return SpecIdentity(previous) == SpecIdentity(object)
    }

    func handle(_ event: ClusterEvent<Service>) {
        let previous = services.apply(event)
        // Before every cache is in, reconciling waits anyway and then starts with every
        // monitor: working out which monitors an object concerns would be wasted.
        guard hasSynced, let object = Self.object(of: event) else { return }
        var affected = index.monitors(usingService: object.key)
        affected.formUnion(monitorsSelecting(object))
        if let previous { affected.formUnion(monitorsSelecting(previous)) }
        for key in affected { queue.add(.serviceMonitor(key)) }
    }

    func handle(_ event: ClusterEvent<EndpointSlice>) {
        endpointSlices.apply(event)
        guard hasSynced, let object = Self.object(of: event), let serviceName = object.serviceName else { return }
        let serviceKey = ObjectKey(namespace: object.metadata.namespace, name: serviceName)
        var affected = index.monitors(usingService: serviceKey)
        if let service = services.get(serviceKey) { affected.formUnion(monitorsSelecting(service)) }
        for key in affected { queue.add(.serviceMonitor(key)) }
    }

    func handle(_ event: ClusterEvent<Pod>) {
        pods.apply(event)
        guard hasSynced, let object = Self.object(of: event) else { return }
        for key in index.monitors(usingPod: object.key) { queue.add(.serviceMonitor(key)) }
    }

    func handle(_ event: ClusterEvent<Namespace>) {
        namespaces.apply(event)
        // Namespaces change rarely; a new one can bring Services any monitor with
        // `namespaceSelector.any` selects.
        if case .synced = event { return }
        if hasSynced { for key in serviceMonitors.keys { queue.add(.serviceMonitor(key)) } }
    }

    func handleSecret(_ event: ClusterEvent<Secret>) {
        secrets.apply(event)
        // Credentials are inlined into the configuration; it is rewritten only if its bytes change.
        if secrets.hasSynced, Self.object(of: event)?.metadata.name != OperatorOptions.configSecretName {
            secretsVersion.withLock { $0 += 1 }
            queue.add(.prometheusConfig)
            enqueueMonitors(readingFrom: event)
        }
    }

    /// Monitors whose selector and namespace selection match `service`: only those
    /// indexed under one of its labels, or under no label at all, are checked.
    func monitorsSelecting(_ service: Service) -> Set<ObjectKey> {
        let namespace = service.metadata.namespace ?? ""
        let labels = service.metadata.labels ?? [:]
        var candidates = serviceMonitors.list(indexValue: CacheIndexes.anySelector)
        for (key, value) in labels { candidates += serviceMonitors.list(indexValue: CacheIndexes.labelPair(key, value)) }
        var result: Set<ObjectKey> = []
        for object in candidates {
            guard let monitor = try? decodeServiceMonitor(object) else { continue }
            guard selectedNamespaces(for: monitor).contains(namespace) || monitor.spec.namespaceSelector?.any == true
            else { continue }
            if monitor.spec.selector.matches(labels) { result.insert(object.key) }
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
