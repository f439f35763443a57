extension SLORuleFile {
    /// The groups wrapped in a `monitoring.coreos.com/v1` PrometheusRule, for clusters where
    /// prometheus-operator loads the rules (Sloth's Kubernetes output). The object carries
    /// `labels` and `annotations` plus `app.kubernetes.io/component: SLO` and
    /// `app.kubernetes.io/managed-by: vigil`; keys inside each rule are alphabetical, as in
    /// Sloth's PrometheusRule output. Owner references are the operator's to add.
    public func prometheusRuleYAML(name: String, namespace: String?, labels: [String: String] = [:],
                                   annotations: [String: String] = [:]) -> String {
        var objectLabels = labels
        objectLabels["app.kubernetes.io/component"] = "SLO"
        objectLabels["app.kubernetes.io/managed-by"] = "vigil"
        func sorted(_ map: [String: String]) -> SLOYAMLWriter.Node {
            .mapping(map.sorted { $0.key < $1.key }.map { ($0.key, .scalar($0.value)) })
        }
        var metadata: [(String, SLOYAMLWriter.Node)] = [("name", .scalar(name))]
        if let namespace { metadata.append(("namespace", .scalar(namespace))) }
        metadata.append(("labels", sorted(objectLabels)))
        if !annotations.isEmpty { metadata.append(("annotations", sorted(annotations))) }
        let groupNodes: [SLOYAMLWriter.Node] = groups.map { group in
            let rules: [SLOYAMLWriter.Node] = group.rules.map { rule in
                guard case .mapping(let entries) = rule.yamlNode else { return rule.yamlNode }
                return .mapping(entries.sorted { $0.0 < $1.0 })
            }
            return .mapping([("name", .scalar(group.name)), ("rules", .sequence(rules))])
        }
        return SLOYAMLWriter.write(.mapping([
            ("apiVersion", .scalar("monitoring.coreos.com/v1")),
            ("kind", .scalar("PrometheusRule")),
            ("metadata", .mapping(metadata)),
            ("spec", .mapping([("groups", .sequence(groupNodes))])),
        ]))
    }
}
