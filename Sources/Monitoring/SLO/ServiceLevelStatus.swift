import Foundation

/// `.status` of a ServiceLevel (`vigil.dev/v1alpha1`), in the shape of the status contract:
/// display values are strings (`"99.953%"`, `"no traffic"`) so NaN or Inf can never be
/// written. Encodes to camelCase JSON; `nil` fields are left out.
public struct ServiceLevelStatus: Codable, Sendable, Equatable {
    public var observedGeneration: Int64
    /// Accepted, Ready, BudgetExhausted, PageAlertFiring, TicketAlertFiring.
    public var conditions: [Condition]
    /// SLI over the SLO period, e.g. `99.953%` or `no traffic` (printer column SLI).
    public var sli: String?
    /// Error budget left for the period, e.g. `72.4%`, negative once overspent (Budget left).
    public var errorBudgetRemaining: String?
    /// Burn rate over 1h, e.g. `0.35` or `no traffic` (Burn 1h).
    public var burnRate1h: String?
    /// Burn rate per window (`5m` … `3d` and the period).
    public var burnRates: [String: String]?
    /// SLI per window, same keys.
    public var windowSLI: [String: String]?
    /// Names of the SLO's alerts currently firing.
    public var firingAlerts: [String]
    /// Share of the SLO period the engine has data for, e.g. `0.8%`.
    public var coverage: String?
    /// RFC 3339 time of the evaluation the values come from.
    public var lastEvaluationTime: String?

    public init(observedGeneration: Int64, conditions: [Condition], sli: String? = nil,
                errorBudgetRemaining: String? = nil, burnRate1h: String? = nil, burnRates: [String: String]? = nil,
                windowSLI: [String: String]? = nil, firingAlerts: [String] = [], coverage: String? = nil,
                lastEvaluationTime: String? = nil) {
        (self.observedGeneration, self.conditions, self.sli) = (observedGeneration, conditions, sli)
        (self.errorBudgetRemaining, self.burnRate1h, self.burnRates) = (errorBudgetRemaining, burnRate1h, burnRates)
        (self.windowSLI, self.firingAlerts, self.coverage) = (windowSLI, firingAlerts, coverage)
        self.lastEvaluationTime = lastEvaluationTime
    }
}

extension ConditionReason {
    /// Accepted=True: the spec is valid and its rules are generated.
    public static let rulesGenerated = ConditionReason(rawValue: "RulesGenerated")
    /// Accepted=False (and the others): the spec has problems; the message lists them.
    public static let invalidSpec = ConditionReason(rawValue: "InvalidSpec")
    /// Ready=False: the engine has not evaluated the SLO yet.
    public static let awaitingEvaluation = ConditionReason(rawValue: "AwaitingEvaluation")
    /// Ready=True with values to show.
    public static let evaluated = ConditionReason(rawValue: "Evaluated")
    /// No requests in the period (or the window) yet: nothing to compute.
    public static let noTraffic = ConditionReason(rawValue: "NoTraffic")
    /// BudgetExhausted=True.
    public static let budgetExhausted = ConditionReason(rawValue: "BudgetExhausted")
    /// BudgetExhausted=False.
    public static let budgetRemaining = ConditionReason(rawValue: "BudgetRemaining")
    /// An alert condition is True.
    public static let alertFiring = ConditionReason(rawValue: "AlertFiring")
    /// An alert condition is False because the alert is quiet.
    public static let alertNotFiring = ConditionReason(rawValue: "AlertNotFiring")
    /// An alert condition is False because the spec turns that alert off.
    public static let alertDisabled = ConditionReason(rawValue: "AlertDisabled")
}
