/// The PromQL an operator evaluates to report an SLO's state in its status: each selects the
/// series this SLO's generated rules record, by its identity labels.
public struct SLOStatusQueries: Sendable, Equatable {
    /// Error ratio over the whole period (`slo:sli_error:ratio_rate30d{…}`).
    public var periodErrorRatio: String
    /// Burn rate over the shortest alert window (1 = spending the budget exactly on pace).
    public var currentBurnRate: String
    /// Burn rate over the whole period.
    public var periodBurnRate: String
    /// Share of the period's error budget left (negative once overspent).
    public var errorBudgetRemaining: String
}

extension SLODefinition {
    /// Queries for this SLO's status values.
    public var statusQueries: SLOStatusQueries {
        let filter = SLOExpressions(definition: self, style: .vigil).filter
        return SLOStatusQueries(
            periodErrorRatio: SLOExpressions.sliName(period.window) + filter,
            currentBurnRate: "slo:current_burn_rate:ratio" + filter,
            periodBurnRate: "slo:period_burn_rate:ratio" + filter,
            errorBudgetRemaining: "slo:period_error_budget_remaining:ratio" + filter)
    }
}
