import Foundation

/// `.status` of a PrometheusRule as Vigil writes it (status contract): conditions Accepted,
/// Evaluating and Ready, the number of rules and of firing alerts.
public struct PrometheusRuleStatus: Codable, Sendable, Equatable {
    public var observedGeneration: Int64
    public var conditions: [Condition]
    /// Rules in the object (printer column Rules).
    public var rules: Int
    /// Alerts of this object currently firing (printer column Firing); nil before evaluation.
    public var firingAlerts: Int?

    public init(observedGeneration: Int64, conditions: [Condition], rules: Int, firingAlerts: Int?) {
        (self.observedGeneration, self.conditions, self.rules, self.firingAlerts) = (observedGeneration, conditions, rules, firingAlerts)
    }
}

/// What the engine reports about one PrometheusRule's rules after an evaluation.
public struct RuleEvaluationSummary: Sendable, Equatable {
    /// Rules whose last evaluation failed, e.g. `group "g", rule 2 ("A"): vector contains
    /// metrics with the same labelset after applying alert labels`.
    public var failures: [String]
    public var firingAlerts: Int

    public init(failures: [String] = [], firingAlerts: Int = 0) { (self.failures, self.firingAlerts) = (failures, firingAlerts) }
}

extension ConditionReason {
    /// Accepted=True for rules (prometheus-operator leaves the reason empty; a word is clearer).
    public static let rulesValid = ConditionReason(rawValue: "RulesValid")
    /// Accepted=False: prometheus-operator's reason, so existing tooling keeps matching it.
    public static let invalidConfiguration = ConditionReason(rawValue: "InvalidConfiguration")
    /// Evaluating=True.
    public static let rulesEvaluating = ConditionReason(rawValue: "RulesEvaluating")
    /// Evaluating=False: at least one rule failed its last evaluation.
    public static let ruleEvaluationFailed = ConditionReason(rawValue: "RuleEvaluationFailed")
}

extension PrometheusRuleStatus {
    /// The status of `rule`: a pure function of its validation issues, the engine's summary
    /// (nil before the first evaluation), the conditions it had and the time. Messages carry
    /// the real problems (every issue), not prometheus-operator's bare "invalid rule".
    public static func make(for rule: PrometheusRule, issues: [RuleIssue], evaluation: RuleEvaluationSummary?,
                            previous: [Condition], now: Date) -> PrometheusRuleStatus {
        let generation = rule.metadata.generation ?? 0
        var conditions = previous
        func set(_ type: ConditionType, _ status: ConditionStatus, _ reason: ConditionReason, _ message: String) {
            conditions.set(type, status: status, reason: reason, message: message, observedGeneration: generation, now: now)
        }
        let groups = rule.spec.groups ?? []
        let ruleCount = groups.reduce(0) { $0 + $1.rules.count }
        guard issues.isEmpty else {
            let summary = issues.map(\.description).joined(separator: "; ")
            set(.accepted, .false, .invalidConfiguration, summary)
            set(.evaluating, .false, .invalidConfiguration, "not loaded: the rules are invalid (see Accepted)")
            set(.ready, .false, .invalidConfiguration, "\(issues.count) problem\(issues.count == 1 ? "" : "s"): \(summary)")
            return PrometheusRuleStatus(observedGeneration: generation, conditions: conditions, rules: ruleCount, firingAlerts: nil)
        }
        set(.accepted, .true, .rulesValid, "\(ruleCount) rule\(ruleCount == 1 ? "" : "s") in \(groups.count) group\(groups.count == 1 ? "" : "s") are valid")
        guard let evaluation else {
            set(.evaluating, .unknown, .awaitingEvaluation, "waiting for the first evaluation")
            set(.ready, .false, .awaitingEvaluation, "waiting for the first evaluation")
            return PrometheusRuleStatus(observedGeneration: generation, conditions: conditions, rules: ruleCount, firingAlerts: nil)
        }
        if evaluation.failures.isEmpty {
            set(.evaluating, .true, .rulesEvaluating, "every rule evaluates without error")
            set(.ready, .true, .rulesEvaluating, "\(ruleCount) rules evaluating, \(evaluation.firingAlerts) alerts firing")
        } else {
            let summary = evaluation.failures.joined(separator: "; ")
            set(.evaluating, .false, .ruleEvaluationFailed, summary)
            set(.ready, .false, .ruleEvaluationFailed,
                "\(evaluation.failures.count) of \(ruleCount) rules fail to evaluate: \(summary)")
        }
        return PrometheusRuleStatus(observedGeneration: generation, conditions: conditions, rules: ruleCount,
                                    firingAlerts: evaluation.firingAlerts)
    }
}
