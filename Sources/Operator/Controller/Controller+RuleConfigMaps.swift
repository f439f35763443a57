import KubernetesClient
import Rules

// Rule files → ConfigMaps `vigil-rulefiles-<n>`, packed like prometheus-operator.
extension Controller {
    /// prometheus-operator's budget per ConfigMap: half the 1 MiB object limit.
    static let ruleConfigMapBudget = 512 * 1024

    func reconcileRuleFiles() async throws -> ReconcileResult {
        let files = ruleFiles()
        for file in files { output?("rules/\(file.name)", file.contents) }
        await loadIntoEvaluator(files)
        let buckets = Self.pack(files)
        let namespace = options.operatorNamespace
        let existing = try await cluster.list(ConfigMap.self, namespace: namespace)
            .filter { $0.metadata.labels?[OperatorOptions.ruleFilesLabel] == "true" }
        var desiredNames: Set<String> = []
        for (index, bucket) in buckets.enumerated() {
            let name = "\(OperatorOptions.ruleConfigMapPrefix)\(index)"
            desiredNames.insert(name)
            var labels = OperatorOptions.managedLabels
            labels[OperatorOptions.ruleFilesLabel] = "true"
            var configMap = ConfigMap(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels),
                                      data: Dictionary(uniqueKeysWithValues: bucket.map { ($0.name, $0.contents) }))
            // Only owners in the same namespace: a reference across namespaces counts as a
            // missing owner and would get the ConfigMap garbage-collected at once.
            let owners = bucket.filter { $0.namespace == namespace }.compactMap(\.owner)
            configMap.metadata.ownerReferences = owners.isEmpty ? nil : owners
            let current = existing.first { $0.metadata.name == name }
            if let current, current.data ?? [:] == configMap.data ?? [:],
               current.metadata.labels ?? [:] == labels,
               Set(current.metadata.ownerReferences ?? []) == Set(owners) {
                continue
            }
            try await cluster.apply(configMap)
        }
        // New content first, then surplus removed, so rules never vanish mid-update.
        for configMap in existing where !desiredNames.contains(configMap.metadata.name ?? "") {
            try await cluster.delete(ConfigMap.self, configMap.key)
        }
        let changedCount = ruleConfigMapCount.withLock { count -> Bool in
            defer { count = buckets.count }
            return count != buckets.count && max(3, count) != max(3, buckets.count)
        }
        if changedCount { queue.add(.prometheusConfig) }
        return .done
    }

    /// Replaces the evaluator's groups with those of `files`; a file it cannot load is
    /// left out (logged), the others still evaluate.
    func loadIntoEvaluator(_ files: [RuleFile]) async {
        guard let rules else { return }
        var groups: [RuleGroupDefinition] = []
        for file in files {
            do throws(RuleFileError) {
                groups += try RuleFileLoader.load(yaml: file.contents, file: file.name)
            } catch {
                logger.warning("rule file not evaluated", metadata: ["vigil.file": "\(file.name)", "vigil.error": "\(error)"])
            }
        }
        do {
            try await rules.update(groups: groups)
        } catch {
            logger.warning("rule groups not loaded", metadata: ["vigil.error": "\(error)"])
        }
    }

    /// Next-fit packing by sorted file name: a ConfigMap takes files until the next one
    /// would push its content past the budget. No files, no ConfigMaps.
    static func pack(_ files: [RuleFile]) -> [[RuleFile]] {
        var buckets: [[RuleFile]] = []
        var current: [RuleFile] = []
        var size = 0
        for file in files.sorted(by: { $0.name < $1.name }) {
            let length = file.contents.utf8.count
            if !current.isEmpty, size + length > ruleConfigMapBudget {
                buckets.append(current)
                (current, size) = ([], 0)
            }
            current.append(file)
            size += length
        }
        if !current.isEmpty { buckets.append(current) }
        return buckets
    }
}
