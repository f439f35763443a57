import Foundation
import KubernetesClient
import Monitoring

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
        let outcome = RuleFileCheck.check(object.spec)
        let generation = object.metadata.generation
        let old = object.status?.decodedStatus(PrometheusRuleStatus.self, default: PrometheusRuleStatus())
            ?? PrometheusRuleStatus()
        var status = old
        status.observedGeneration = generation
        status.rules = outcome.ruleCount
        status.firingAlerts = status.firingAlerts ?? 0
        let time = now()
        let valid = outcome.errors.isEmpty
        status.conditions.set(.accepted, status: ConditionStatus(valid), reason: valid ? .accepted : .invalidRule,
                              message: valid ? "\(outcome.ruleCount) rules valid; in \(OperatorOptions.ruleConfigMapPrefix)*"
                                  : outcome.errors.joined(separator: "; "),
                              observedGeneration: generation, now: time)
        status.conditions.set(.evaluating, status: .unknown, reason: .evaluatorNotRunning,
                              message: "the embedded rule evaluator is not wired into this build yet",
                              observedGeneration: generation, now: time)
        status.conditions.set(.ready, status: ConditionStatus(valid), reason: valid ? .rulesLoaded : .invalidRule,
                              message: valid ? "rules written for Prometheus" : outcome.errors.joined(separator: "; "),
                              observedGeneration: generation, now: time)
        try await writeStatus(PrometheusRuleObject.self, object, current: object.status, old: old.conditions,
                              new: status, conditions: status.conditions)
        return .done
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
                validation = .success(try SLOValidator.definition(of: serviceLevel, options: .vigil))
            } catch {
                validation = .failure(error)
            }
        case .failure(let error):
            validation = .failure(error)
        }
        let observation = (try? validation.get()).flatMap { SLOObserver(storage: engine.storage).observe($0, at: time) }
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
        let result = SLORuleGenerator.generate(manifests: [.serviceLevel(serviceLevel)])
        if let failure = result.failures.first { return (nil, failure.error.description) }
        return (result.rules.yaml(), nil)
    }

    func ruleFiles() -> [RuleFile] {
        var files: [RuleFile] = []
        for object in prometheusRules.list() where isSelected(object.metadata.labels, by: options.ruleSelector) {
            guard RuleFileCheck.check(object.spec).errors.isEmpty else { continue }
            files.append(RuleFile(name: Self.fileName(object.metadata), contents: RuleFileCheck.render(object.spec),
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
