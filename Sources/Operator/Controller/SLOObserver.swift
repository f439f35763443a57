import Foundation
import Monitoring
import PromQL
import TSDB

/// Reads an SLO's state from the embedded engine: the recorded error ratio of each window,
/// the firing burn-rate alerts and the budget left, as the input of `Monitoring.ServiceLevelStatus.make`.
struct SLOObserver: Sendable {
    let storage: TimeSeriesStore
    let engine = Engine()

    /// `nil` until the rules have recorded anything for this SLO (before the first
    /// evaluation): status then says it is waiting rather than "no traffic".
    func observe(_ definition: SLODefinition, at now: Date) -> SLOObservation? {
        let time = Int64(now.timeIntervalSince1970 * 1000)
        var ratios: [SLOWindow: Double] = [:]
        for (window, query) in definition.windowErrorRatioQueries {
            if let value = firstValue(query, at: time) { ratios[window] = value }
        }
        guard !ratios.isEmpty else { return nil }
        var firing: [SLOFiringAlert] = []
        if let query = definition.firingAlertsQuery,
           case .vector(let samples)? = try? engine.instantQuery(query, at: time, on: storage) {
            firing = samples.map { SLOFiringAlert(name: $0.labels["alertname"] ?? "", severity: $0.labels["sloth_severity"] ?? "") }
        }
        return SLOObservation(
            windowErrorRatios: ratios, errorBudgetRemaining: firstValue(definition.statusQueries.errorBudgetRemaining, at: time),
            firingAlerts: firing, coverage: nil)  // not measured yet: the status leaves it out
    }

    private func firstValue(_ query: String, at time: Int64) -> Double? {
        // A query that fails (e.g. no series yet) counts as no sample; the status function
        // reports that, so the error itself adds nothing.
        guard let value = try? engine.instantQuery(query, at: time, on: storage) else { return nil }
        switch value {
        case .scalar(let number): return number
        case .vector(let samples): return samples.first?.value
        default: return nil
        }
    }
}
