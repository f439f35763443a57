import KubernetesClient
import Monitoring

// ServiceLevels and ServiceMonitors → Grafana dashboard ConfigMaps (label
// `grafana_dashboard: "1"`, owned by the object they describe when it shares their
// namespace) and `dashboards/<uid>.json` for `vigil demo`.
extension Controller {
    func reconcileDashboards() async throws -> ReconcileResult {
        var serviceLevelManifests: [SLOManifest] = []
        var owners: [String: String] = [:]  // "namespace/name" of the source → uid
        for object in serviceLevels.list() where isSelected(object.metadata.labels, by: options.ruleSelector) {
            guard case .success(let serviceLevel) = decodeServiceLevel(object) else { continue }
            serviceLevelManifests.append(.serviceLevel(serviceLevel))
            owners["ServiceLevel/\(object.key)"] = object.metadata.uid
        }
        var monitors: [ServiceMonitor] = []
        for object in serviceMonitors.list() where isSelected(object.metadata.labels, by: options.serviceMonitorSelector) {
            guard let monitor = try? decodeServiceMonitor(object) else { continue }
            monitors.append(monitor)
            owners["ServiceMonitor/\(object.key)"] = object.metadata.uid
        }
        let dashboards = try DashboardGenerator.dashboards(
            for: DashboardInputs(serviceLevels: serviceLevelManifests, serviceMonitors: monitors))
        let delivery = DashboardDeliveryOptions(
            labelName: options.grafanaDashboardLabel.name, labelValue: options.grafanaDashboardLabel.value,
            overviewNamespace: options.operatorNamespace)
        var desired: Set<ObjectKey> = []
        for dashboard in dashboards {
            output?("dashboards/\(dashboard.fileName)", dashboard.prettyJSON)
            let sourceKey = dashboard.source.map { "\($0.kind)/\($0.namespace)/\($0.name)" }
            let configMap = try DashboardConfigMap(
                dashboard: dashboard, ownerUID: sourceKey.flatMap { owners[$0] }, options: delivery)
            var object = ConfigMap(
                metadata: ObjectMeta(name: configMap.name, namespace: configMap.namespace, labels: configMap.labels,
                                     annotations: configMap.annotations.isEmpty ? nil : configMap.annotations),
                data: [configMap.key: configMap.json])
            if let owner = configMap.owner {
                object.metadata.ownerReferences = [OwnerReference(
                    apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, controller: true,
                    blockOwnerDeletion: true)]
            }
            desired.insert(object.key)
            if let current = try await cluster.get(ConfigMap.self, object.key), current.data == object.data,
               current.metadata.labels == object.metadata.labels, current.metadata.ownerReferences == object.metadata.ownerReferences {
                continue
            }
            try await cluster.apply(object)
        }
        let stale = dashboardConfigMaps.withLock { written -> Set<ObjectKey> in
            defer { written = desired }
            return written.subtracting(desired)
        }
        for key in stale { try await cluster.delete(ConfigMap.self, key) }
        return .done
    }
}
