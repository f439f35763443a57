/// Builds the ordered `relabel_configs` prometheus-operator writes for one endpoint
/// (`prometheus-operator-compat.md` 3.5, steps R1–R20).
struct RelabelChain {
    let monitor: ServiceMonitor
    let endpoint: ServiceMonitorEndpoint
    let role: DiscoveryRole
    let options: GeneratorOptions

    var rules: [RelabelRule] {
        var rules: [RelabelRule] = [RelabelRule(sourceLabels: ["job"], targetLabel: "__tmp_prometheus_job_name")]
        if monitor.spec.selectorMechanism != .roleSelector {
            rules += selectorRules
        }
        rules += portFilter
        let addressTarget = ["\(role.metaPrefix)_address_target_kind", "\(role.metaPrefix)_address_target_name"]
        for (kind, label) in [("Node", "node"), ("Pod", "pod")] {
            rules.append(RelabelRule(.targetLabelLast, sourceLabels: addressTarget, separator: ";",
                                     targetLabel: label, regex: .string("\(kind);(.*)"), replacement: "${1}"))
        }
        for (meta, label) in [("namespace", "namespace"), ("service_name", "service"), ("pod_name", "pod"),
                              ("pod_container_name", "container")] {
            rules.append(RelabelRule(sourceLabels: ["__meta_kubernetes_\(meta)"], targetLabel: label))
        }
        if endpoint.filterRunning ?? true {
            rules.append(RelabelRule(.actionFirst, sourceLabels: ["__meta_kubernetes_pod_phase"],
                                     regex: .string("(Failed|Succeeded)"), action: "drop"))
        }
        for label in monitor.spec.targetLabels ?? [] {
            rules.append(copyLabel(from: "__meta_kubernetes_service_label_", label))
        }
        for label in (monitor.spec.podTargetLabels ?? []) + options.podTargetLabels {
            rules.append(copyLabel(from: "__meta_kubernetes_pod_label_", label))
        }
        rules.append(RelabelRule(sourceLabels: ["__meta_kubernetes_service_name"], targetLabel: "job", replacement: "${1}"))
        if let jobLabel = monitor.spec.jobLabel, !jobLabel.isEmpty {
            rules.append(RelabelRule(sourceLabels: ["__meta_kubernetes_service_label_\(sanitized(jobLabel))"],
                                     targetLabel: "job", regex: .string("(.+)"), replacement: "${1}"))
        }
        if let port = endpoint.portName {
            rules.append(RelabelRule(targetLabel: "endpoint", replacement: port))
        } else if let targetPort = endpoint.targetPort {
            rules.append(RelabelRule(targetLabel: "endpoint", replacement: targetPort.description))
        }
        rules += (options.scrapeClass(for: monitor)?.relabelings ?? []).map(RelabelRule.init)
        rules += (endpoint.relabelings ?? []).map(RelabelRule.init)
        if let enforcement = Self.enforcementRule(for: monitor, options: options) {
            rules.append(enforcement)
        }
        rules += shardingRules
        return rules
    }

    /// R19 / 3.8: the namespace-enforcement rule, when enforcement applies to `monitor`.
    static func enforcementRule(for monitor: ServiceMonitor, options: GeneratorOptions) -> RelabelRule? {
        guard let label = options.enforcedNamespaceLabel, !label.isEmpty,
              !options.excludedFromEnforcement.contains(monitor.key)
        else { return nil }
        return RelabelRule(targetLabel: label, replacement: monitor.namespace)
    }

    /// R2/R3: keep/drop on Service labels; values are pasted into the regex unescaped, as
    /// prometheus-operator does.
    private var selectorRules: [RelabelRule] {
        var rules: [RelabelRule] = []
        for (key, value) in monitor.spec.selector.sortedMatchLabels {
            rules.append(RelabelRule(.actionFirst, sourceLabels: labelAndPresence(key),
                                     regex: .string("(\(value));true"), action: "keep"))
        }
        for expression in monitor.spec.selector.matchExpressions ?? [] {
            let values = (expression.values ?? []).joined(separator: "|")
            let presence = ["__meta_kubernetes_service_labelpresent_\(sanitized(expression.key))"]
            switch expression.operator {
            case .in:
                rules.append(RelabelRule(.actionFirst, sourceLabels: labelAndPresence(expression.key),
                                         regex: .string("(\(values));true"), action: "keep"))
            case .notIn:
                rules.append(RelabelRule(.actionFirst, sourceLabels: labelAndPresence(expression.key),
                                         regex: .string("(\(values));true"), action: "drop"))
            case .exists:
                rules.append(RelabelRule(.actionFirst, sourceLabels: presence, regex: .string("true"), action: "keep"))
            case .doesNotExist:
                rules.append(RelabelRule(.actionFirst, sourceLabels: presence, regex: .string("true"), action: "drop"))
            default:
                break  // rejected by validation before generation
            }
        }
        return rules
    }

    /// R4: which port of the endpoint becomes a target.
    private var portFilter: [RelabelRule] {
        if let port = endpoint.portName {
            return [RelabelRule(.actionFirst, sourceLabels: ["\(role.metaPrefix)_port_name"],
                                regex: .string(port), action: "keep")]
        }
        switch endpoint.targetPort {
        case .string(let name) where !name.isEmpty:
            return [RelabelRule(.actionFirst, sourceLabels: ["__meta_kubernetes_pod_container_port_name"],
                                regex: .string(name), action: "keep")]
        case .int(let number) where number != 0:
            return [RelabelRule(.actionFirst, sourceLabels: ["__meta_kubernetes_pod_container_port_number"],
                                regex: .int(number), action: "keep")]
        default:
            return []
        }
    }

    /// R20 (3.7): optional shard-retention rules, then hash the address and keep this shard.
    private var shardingRules: [RelabelRule] {
        let shards = max(1, options.shards)
        var rules: [RelabelRule] = []
        if options.shardRetention {
            rules.append(RelabelRule(targetLabel: "__tmp_current_shard", replacement: "$(SHARD)", action: "replace"))
            rules.append(RelabelRule(sourceLabels: ["__tmp_current_shard"],
                                     regex: .string((0..<shards).map(String.init).joined(separator: "|")),
                                     action: "keep"))
        }
        rules.append(RelabelRule(sourceLabels: ["__address__", "__tmp_hash"], targetLabel: "__tmp_hash",
                                 regex: .string("(.+);"), replacement: "$1", action: "replace"))
        rules.append(RelabelRule(sourceLabels: ["__tmp_hash"], targetLabel: "__tmp_hash",
                                 modulus: UInt64(shards), action: "hashmod"))
        rules.append(RelabelRule(sourceLabels: ["__tmp_hash", "__tmp_disable_sharding"],
                                 regex: .string("$(SHARD);|.+;.+"), action: "keep"))
        return rules
    }

    private func labelAndPresence(_ key: String) -> [String] {
        ["__meta_kubernetes_service_label_\(sanitized(key))", "__meta_kubernetes_service_labelpresent_\(sanitized(key))"]
    }

    private func copyLabel(from prefix: String, _ label: String) -> RelabelRule {
        RelabelRule(sourceLabels: [prefix + sanitized(label)], targetLabel: sanitized(label),
                    regex: .string("(.+)"), replacement: "${1}")
    }
}

/// `san(x)` of 3.5: every character outside `[a-zA-Z0-9_]` becomes `_`.
func sanitized(_ name: String) -> String {
    String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_": scalar
        default: "_"
        }
    }))
}

/// The Kubernetes SD role a job uses.
enum DiscoveryRole: String {
    case endpoints
    case endpointslice

    /// `<EP>` of 3.5: the meta-label prefix of the role.
    var metaPrefix: String {
        switch self {
        case .endpoints: "__meta_kubernetes_endpoint"
        case .endpointslice: "__meta_kubernetes_endpointslice"
        }
    }
}
