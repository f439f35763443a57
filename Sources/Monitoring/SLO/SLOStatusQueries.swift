import Foundation

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

extension SLODefinition {
    /// Error ratio query per window, alert windows and the period
    /// (`slo:sli_error:ratio_rate1h{…}`): the values `SLOObservation.windowErrorRatios` expects.
    public var windowErrorRatioQueries: [SLOWindow: String] {
        let filter = SLOExpressions(definition: self, style: .vigil).filter
        let windows = period.alertWindows.sliWindows + [period.window]
        return Dictionary(uniqueKeysWithValues: windows.map { ($0, SLOExpressions.sliName($0) + filter) })
    }

    /// This SLO's firing burn-rate alerts
    /// (`ALERTS{alertname="…", alertstate="firing", sloth_id="…", …}`); nil when the SLO has no
    /// alerts. Each series' `sloth_severity` label says page or ticket (`SLOFiringAlert`).
    public var firingAlertsQuery: String? {
        guard let alertName else { return nil }
        // The alert expressions keep the identity labels, so they tell apart SLOs that share
        // an alert name.
        let filter = SLOExpressions(definition: self, style: .vigil).filter
        let quoted = alertName.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "ALERTS{alertname=\"\(quoted)\", alertstate=\"firing\", " + filter.dropFirst()
    }
}
