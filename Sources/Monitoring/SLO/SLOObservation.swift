/// What the engine returned at one evaluation for one SLO's status queries
/// (`SLODefinition.windowErrorRatioQueries`, `firingAlertsQuery`, `statusQueries`): the input
/// of ``ServiceLevelStatus/make(validation:observation:generation:previous:now:)``.
///
/// Values are taken as the engine gives them: a missing sample (no series yet, or a `> 0`
/// guard that dropped it) is `nil`, and NaN or ±Inf (0/0 with no traffic, errors without
/// requests) are accepted here and reported as no traffic, never written to status.
public struct SLOObservation: Sendable, Equatable {
    /// Error ratio (0…1) per window, alert windows and the period; absent windows had no sample.
    public var windowErrorRatios: [SLOWindow: Double]
    /// `slo:period_error_budget_remaining:ratio`; when nil it is derived from the period's
    /// error ratio and the objective.
    public var errorBudgetRemaining: Double?
    /// The SLO's alerts currently firing.
    public var firingAlerts: [SLOFiringAlert]
    /// Share (0…1) of the SLO period the engine holds data for; nil if unknown.
    public var coverage: Double?

    public init(windowErrorRatios: [SLOWindow: Double], errorBudgetRemaining: Double? = nil,
                firingAlerts: [SLOFiringAlert] = [], coverage: Double? = nil) {
        (self.windowErrorRatios, self.errorBudgetRemaining) = (windowErrorRatios, errorBudgetRemaining)
        (self.firingAlerts, self.coverage) = (firingAlerts, coverage)
    }
}

/// One firing alert of an SLO: its name and its `sloth_severity` label (`page`, `ticket`).
public struct SLOFiringAlert: Sendable, Equatable {
    public var name: String
    public var severity: String

    public init(name: String, severity: String) { (self.name, self.severity) = (name, severity) }
}
