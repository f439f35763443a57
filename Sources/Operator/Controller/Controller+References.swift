import KubernetesClient

// Secrets and ConfigMaps that ServiceMonitors reference (credentials, TLS material).
extension Controller {
    func handleConfigMap(_ event: ClusterEvent<ConfigMap>) {
        configMaps.apply(event)
        // Vigil's own rule and dashboard ConfigMaps are never referenced by a monitor.
        guard configMaps.hasSynced, let object = Self.object(of: event),
              !OperatorOptions.managedLabels.allSatisfy({ object.metadata.labels?[$0.key] == $0.value })
        else { return }
        // OAuth2 client IDs from ConfigMaps are inlined into the configuration, so each
        // monitor's rendered jobs are made again.
        secretsVersion.withLock { $0 += 1 }
        queue.add(.prometheusConfig)
        enqueueMonitors(readingFrom: event)
    }

    /// Re-resolves the monitors that can read a changed Secret or ConfigMap: references
    /// always point into the monitor's own namespace, so those are all of that namespace's
    /// monitors (the queue folds repeats).
    func enqueueMonitors<T: KubernetesResource>(readingFrom event: ClusterEvent<T>) {
        guard serviceMonitors.hasSynced, let namespace = Self.object(of: event)?.metadata.namespace else { return }
        for monitor in serviceMonitors.list(namespace: namespace) { queue.add(.serviceMonitor(monitor.key)) }
    }
}
