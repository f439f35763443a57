import KubernetesClient
import Monitoring

// ServiceLevels and ServiceMonitors → Grafana dashboard ConfigMaps (label
// `grafana_dashboard: "1"`) in the operator namespace, or beside and owned by the object
// they describe with `dashboardsBesideSources`; `dashboards/<uid>.json` for `vigil demo`.
//
// Incremental: an object's dashboards are regenerated and written only when its
// ``SpecIdentity`` changed since the last write (at ten thousand monitors,
// encoding every dashboard on each change was most of a reconcile's time). The overview
// is rebuilt each time and written when its bytes change.
extension Controller {
    func reconcileDashboards() async throws -> ReconcileResult {
        let delivery = DashboardDeliveryOptions(
            labelName: options.grafanaDashboardLabel.name, labelValue: options.grafanaDashboardLabel.value,
            namespace: options.dashboardsBesideSources ? nil : options.operatorNamespace,
            overviewNamespace: options.operatorNamespace)
        await adoptDashboardConfigMapsOnce(namespace: delivery.namespace)
        var desired: Set<ObjectKey> = []
        var levels: [SLOManifest] = []
        var monitors: [ServiceMonitor] = []
        var failures: [String] = []
        var visited: Set<String> = []

        for object in serviceLevels.list() where isSelected(object.metadata.labels, by: options.ruleSelector) {
            guard case .success(let serviceLevel) = decodeServiceLevel(object) else { continue }
            levels.append(.serviceLevel(serviceLevel))
            let source = DashboardSourceState(kind: "ServiceLevel", key: object.key, identity: SpecIdentity(object))
            visited.insert(source.id)
            await writeDashboards(of: source, into: &desired, failures: &failures, delivery: delivery) {
                try DashboardGenerator.detailDashboards(for: DashboardInputs(serviceLevels: [.serviceLevel(serviceLevel)]))
            }
        }
        for object in serviceMonitors.list() where isSelected(object.metadata.labels, by: options.serviceMonitorSelector) {
            guard let monitor = try? decodeServiceMonitor(object) else { continue }
            monitors.append(monitor)
            guard options.serviceMonitorDashboards else { continue }
            let source = DashboardSourceState(kind: "ServiceMonitor", key: object.key, identity: SpecIdentity(object))
            visited.insert(source.id)
            await writeDashboards(of: source, into: &desired, failures: &failures, delivery: delivery) {
                try DashboardGenerator.detailDashboards(for: DashboardInputs(serviceMonitors: [monitor]))
            }
        }
        do {
            let overview = try DashboardGenerator.overview(for: DashboardInputs(serviceLevels: levels, serviceMonitors: monitors))
            let configMap = try dashboardConfigMap(overview, ownerUID: nil, delivery: delivery)
            desired.insert(configMap.key)
            try await applyDashboardIfChanged(configMap)
        } catch {
            failures.append("overview: \(error)")
        }

        // Delete only after a pass where everything was generated: a dashboard that failed
        // this time keeps the ConfigMap it had.
        let stale = dashboardConfigMaps.withLock { written -> Set<ObjectKey> in
            guard failures.isEmpty else {
                written.formUnion(desired)
                return []
            }
            defer { written = desired }
            return written.subtracting(desired)
        }
        for key in stale { try await cluster.delete(ConfigMap.self, key) }
        // Forget sources that are gone or no longer selected.
        dashboardSources.withLock { cache in cache = cache.filter { visited.contains($0.key) } }
        if !failures.isEmpty {
            throw DashboardReconcileError(failures: failures)
        }
        return .done
    }

    /// Regenerates and writes the dashboards of one source object unless they were written
    /// from the same state before.
    private func writeDashboards(
        of source: DashboardSourceState, into desired: inout Set<ObjectKey>, failures: inout [String],
        delivery: DashboardDeliveryOptions, generate: () throws -> [GeneratedDashboard]
    ) async {
        let id = source.id
        if let cached = dashboardSources.withLock({ $0[id] }), cached.state == source {
            desired.formUnion(cached.configMaps)
            return
        }
        do {
            var written: [ObjectKey] = []
            for dashboard in try generate() {
                let configMap = try dashboardConfigMap(dashboard, ownerUID: source.identity.uid, delivery: delivery)
                desired.insert(configMap.key)
                try await applyDashboardIfChanged(configMap)
                written.append(configMap.key)
            }
            dashboardSources.withLock { $0[id] = DashboardSourceCache(state: source, configMaps: written) }
        } catch {
            failures.append("\(id): \(error)")
        }
    }

    private func dashboardConfigMap(_ dashboard: GeneratedDashboard, ownerUID: String?,
                                    delivery: DashboardDeliveryOptions) throws -> ConfigMap {
        output?("dashboards/\(dashboard.fileName)", dashboard.prettyJSON)
        let configMap = try DashboardConfigMap(dashboard: dashboard, ownerUID: ownerUID, options: delivery)
        var object = ConfigMap(
            metadata: ObjectMeta(name: configMap.name, namespace: configMap.namespace, labels: configMap.labels,
                                 annotations: configMap.annotations.isEmpty ? nil : configMap.annotations),
            data: [configMap.key: configMap.json])
        if let owner = configMap.owner {
            object.metadata.ownerReferences = [OwnerReference(
                apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, controller: true,
                blockOwnerDeletion: true)]
        }
        return object
    }

    private func applyDashboardIfChanged(_ object: ConfigMap) async throws {
        if let current = try await cluster.get(ConfigMap.self, object.key), current.data == object.data,
           current.metadata.labels == object.metadata.labels,
           current.metadata.annotations == object.metadata.annotations,
           current.metadata.ownerReferences == object.metadata.ownerReferences {
            return
        }
        try await cluster.apply(object)
    }

    /// On the first reconcile after start, takes over the dashboard ConfigMaps a previous
    /// run wrote in the dashboard namespace, so those no longer wanted are deleted (in
    /// memory alone, they would be forgotten by a restart).
    private func adoptDashboardConfigMapsOnce(namespace: String?) async {
        guard let namespace, !dashboardsAdopted.withLock({ $0 }) else { return }
        let listed: [ConfigMap]
        do {
            listed = try await cluster.list(ConfigMap.self, namespace: namespace)
        } catch {
            // Writing dashboards matters more than cleaning up after a previous run: try
            // again next time.
            logger.warning("cannot list dashboard ConfigMaps left by a previous run", metadata: [
                "vigil.namespace": "\(namespace)", "vigil.error": "\(error)",
            ])
            return
        }
        let existing = listed.filter { configMap in
            let labels = configMap.metadata.labels ?? [:]
            return labels["app.kubernetes.io/managed-by"] == "vigil" && labels["vigil.dev/dashboard-kind"] != nil
                && labels[options.grafanaDashboardLabel.name] == options.grafanaDashboardLabel.value
        }
        dashboardConfigMaps.withLock { $0.formUnion(existing.map(\.key)) }
        dashboardsAdopted.withLock { $0 = true }
    }
}

/// What an object's dashboards were generated from.
struct DashboardSourceState: Sendable, Equatable {
    var kind: String
    var key: ObjectKey
    var identity: SpecIdentity

    /// `Kind/namespace/name`.
    var id: String { "\(kind)/\(key)" }
}

/// The ConfigMaps written for one source object, and the state they were written from.
struct DashboardSourceCache: Sendable {
    var state: DashboardSourceState
    var configMaps: [ObjectKey]
}

/// Some dashboards could not be generated or written; the others were.
struct DashboardReconcileError: Error, CustomStringConvertible {
    var failures: [String]
    var description: String { "dashboards failed: " + failures.joined(separator: "; ") }
}
