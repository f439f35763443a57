import Foundation
import KubernetesClient
import Monitoring
import Rules

// PrometheusRule and ServiceLevel → status; both → rule files.
extension Controller {
    /// One rule file and the object it came from.
    struct RuleFile {
        var name: String
        var contents: String
        var owner: OwnerReference?
        var namespace: String
    }

    func reconcilePrometheusRule(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let object = prometheusRules.get(key), isSelected(object.metadata.labels, by: options.ruleSelector) else {
            return .done
        }
        let previous = (try? JSONCoding.decode([Monitoring.Condition].self, from: object.status?["conditions"] ?? .array([])))
            ?? []
        let status: JSONValue
        switch decodePrometheusRule(object) {
        case .success(let rule):
            let issues = PrometheusRuleValidator.issues(in: rule)
            let evaluation = await evaluationSummary(file: PrometheusRuleRenderer.fileName(for: rule))
            status = try JSONCoding.encode(Monitoring.PrometheusRuleStatus.make(
                for: rule, issues: issues, evaluation: evaluation, previous: previous, now: now()))
        case .failure(let failure):
            var conditions = previous
            let generation = object.metadata.generation ?? 0
            for type in [Monitoring.ConditionType.accepted, .ready] {
                conditions.set(type, status: .false, reason: .invalidConfiguration, message: failure.description,
                               observedGeneration: generation, now: now())
            }
            status = try JSONCoding.encode(Monitoring.PrometheusRuleStatus(
                observedGeneration: generation, conditions: conditions, rules: 0, firingAlerts: nil))
        }
        try await writeStatus(PrometheusRuleObject.self, object, current: object.status,
                              old: ConditionTable.conditions(object.status), new: status,
                              conditions: ConditionTable.conditions(status))
        // Evaluation moves on without any object changing.
        return rules == nil ? .done : .requeue(after: options.statusResync)
    }

    /// What the evaluator reports for the groups of one rule file; nil before any of them
    /// was evaluated (or without an evaluator).
    func evaluationSummary(file: String) async -> RuleEvaluationSummary? {
        guard let rules else { return nil }
        let groups = await rules.snapshot().groups.filter { $0.file == file }
        guard groups.contains(where: { $0.lastEvaluation != nil }) else { return nil }
        var summary = RuleEvaluationSummary()
        for group in groups {
            for rule in group.rules {
                if rule.health.state == .err {
                    summary.failures.append(
                        "group \"\(group.name)\", rule \"\(rule.definition.name)\": \(rule.health.lastError ?? "evaluation failed")")
                }
                summary.firingAlerts += rule.alerts.filter { $0.state == .firing }.count
            }
        }
        return summary
    }

    /// The Monitoring model of a PrometheusRule object, or the field that cannot be read.
    func decodePrometheusRule(_ object: PrometheusRuleObject) -> Result<PrometheusRule, ManifestDecodingFailure> {
        var metadata: JSONValue = ["name": .string(object.metadata.name ?? "")]
        if let namespace = object.metadata.namespace { metadata["namespace"] = .string(namespace) }
        if let uid = object.metadata.uid { metadata["uid"] = .string(uid) }
        if let generation = object.metadata.generation { metadata["generation"] = .int(generation) }
        if let labels = object.metadata.labels { metadata["labels"] = .object(labels.mapValues { .string($0) }) }
        let json: JSONValue = [
            "apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule", "metadata": metadata,
            "spec": object.spec ?? .object([:]),
        ]
        do throws(ManifestDecodingFailure) {
            // JSON is YAML: the decoder reports fields with their path.
            return .success(try PrometheusRule(yaml: json.jsonString))
        } catch {
            return .failure(error)
        }
    }

    func reconcileServiceLevel(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let object = serviceLevels.get(key), isSelected(object.metadata.labels, by: options.ruleSelector) else {
            return .done
        }
        let previous = (try? JSONCoding.decode([Monitoring.Condition].self, from: object.status?["conditions"] ?? .array([])))
            ?? []
        let old = ConditionTable.conditions(object.status)
        let time = now()
        let validation: Result<SLODefinition, SLOValidationError>
        switch decodeServiceLevel(object) {
        case .success(let serviceLevel):
            do throws(SLOValidationError) {
                validation = .success(try SLOValidator.definition(of: serviceLevel, options: SLOGenerationOptions.vigil.checkingQueries()))
            } catch {
                validation = .failure(error)
            }
        case .failure(let error):
            validation = .failure(error)
        }
        var observation: SLOObservation?
        if case .success(let definition) = validation {
            observation = await SLOObserver(storage: engine.storage).observe(definition, at: time)
        }
        let status = Monitoring.ServiceLevelStatus.make(
            validation: validation, observation: observation, generation: object.metadata.generation ?? 0,
            previous: previous, now: time)
        let encoded = try JSONCoding.encode(status)
        try await writeStatus(ServiceLevelObject.self, object, current: object.status, old: old,
                              new: encoded, conditions: ConditionTable.conditions(encoded))
        return .requeue(after: options.statusResync)
    }

    /// The Monitoring model of a ServiceLevel object, or why it cannot be read.
    func decodeServiceLevel(_ object: ServiceLevelObject) -> Result<ServiceLevel, SLOValidationError> {
        var metadata: JSONValue = ["name": .string(object.metadata.name ?? "")]
        if let namespace = object.metadata.namespace { metadata["namespace"] = .string(namespace) }
        if let labels = object.metadata.labels { metadata["labels"] = .object(labels.mapValues { .string($0) }) }
        let json: JSONValue = [
            "apiVersion": .string(ServiceLevel.apiVersion), "kind": .string(ServiceLevel.kind), "metadata": metadata,
            "spec": object.spec ?? .object([:]),
        ]
        do {
            return .success(try JSONDecoder().decode(ServiceLevel.self, from: Data(json.serialized())))
        } catch {
            return .failure(SLOValidationError(issues: [
                SLOValidationIssue(path: "spec", reason: .missingField, message: JSONCoding.describe(error)),
            ]))
        }
    }

    /// The SLO rule file of a ServiceLevel, or why there is none.
    func sloRules(for object: ServiceLevelObject) -> (yaml: String?, error: String?) {
        let serviceLevel: ServiceLevel
        switch decodeServiceLevel(object) {
        case .success(let decoded): serviceLevel = decoded
        case .failure(let error): return (nil, error.description)
        }
        let result = SLORuleGenerator.generate(manifests: [.serviceLevel(serviceLevel)],
                                               options: SLOGenerationOptions.vigil.checkingQueries())
        if let failure = result.failures.first { return (nil, failure.error.description) }
        return (result.rules.yaml(), nil)
    }

    func ruleFiles() -> [RuleFile] {
        var files: [RuleFile] = []
        for object in prometheusRules.list() where isSelected(object.metadata.labels, by: options.ruleSelector) {
            guard case .success(let rule) = decodePrometheusRule(object), PrometheusRuleValidator.issues(in: rule).isEmpty
            else { continue }
            let file = PrometheusRuleRenderer.render(rule)
            files.append(RuleFile(name: file.path, contents: file.contents,
                                  owner: object.ownerReference(controller: false), namespace: object.metadata.namespace ?? ""))
        }
        for object in serviceLevels.list() where isSelected(object.metadata.labels, by: options.ruleSelector) {
            guard let yaml = sloRules(for: object).yaml else { continue }
            files.append(RuleFile(name: Self.fileName(object.metadata), contents: yaml,
                                  owner: object.ownerReference(controller: false), namespace: object.metadata.namespace ?? ""))
        }
        return files.sorted { $0.name < $1.name }
    }

    /// `<namespace>-<name>-<uid>.yaml`, as prometheus-operator names rule files.
    static func fileName(_ metadata: ObjectMeta) -> String {
        "\(metadata.namespace ?? "")-\(metadata.name ?? "")-\(metadata.uid ?? "")\(".yaml")"
    }
}
