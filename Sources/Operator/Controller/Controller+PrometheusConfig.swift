import Foundation
import KubernetesClient
import Monitoring

// The whole Prometheus configuration → Secret `vigil-prometheus-config`.
extension Controller {
    func reconcilePrometheusConfig() async throws -> ReconcileResult {
        let monitors = serviceMonitors.list()
            .filter { isSelected($0.metadata.labels, by: options.serviceMonitorSelector) }
            .compactMap { try? decodeServiceMonitor($0) }  // undecodable ones get InvalidSpec in their own status
        var (document, _) = ScrapeConfigGenerator.document(
            monitors, options: options.generatorOptions, secrets: secretLookup())
        document.ruleFiles = OperatorOptions.ruleFileGlobs(count: ruleConfigMapCount.withLock { $0 })
        let yaml = try document.yaml()
        output?("prometheus/prometheus.yaml", yaml)
        let key = ObjectKey(namespace: options.operatorNamespace, name: OperatorOptions.configSecretName)
        let encoded = Data(yaml.utf8).base64EncodedString()
        let existing: Secret? = try await cluster.get(Secret.self, key)
        if existing?.data?[OperatorOptions.configSecretKey] == encoded { return .done }
        var secret = Secret(
            metadata: ObjectMeta(name: key.name, namespace: key.namespace, labels: OperatorOptions.managedLabels),
            type: "Opaque", data: [OperatorOptions.configSecretKey: encoded])
        secret.metadata.annotations = ["vigil.dev/jobs": "\(document.scrapeConfigs.count)"]
        try await cluster.apply(secret)
        logger.info("prometheus configuration written", metadata: [
            "vigil.secret": "\(key)", "vigil.jobs": "\(document.scrapeConfigs.count)", "vigil.bytes": "\(yaml.utf8.count)",
        ])
        return .done
    }
}
