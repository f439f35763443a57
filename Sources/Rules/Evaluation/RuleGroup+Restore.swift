import PromQL
import TSDB

extension RuleGroup {
    /// How far back restoration looks for `ALERTS_FOR_STATE` (Prometheus's
    /// `--rules.alert.for-outage-tolerance`, default 1h).
    public static let outageTolerance: Milliseconds = 3_600_000
    /// Least time an alert still waits after a restart before it may fire
    /// (`--rules.alert.for-grace-period`, default 10m).
    public static let forGracePeriod: Milliseconds = 600_000

    /// Prometheus's `RestoreForState`: pending alerts continue their `for` countdown from
    /// the `ALERTS_FOR_STATE` samples an earlier run wrote (when the store kept them,
    /// e.g. from a snapshot), shifted by the time the engine was down; then `ALERTS`
    /// series are written from the next evaluation on.
    public mutating func restoreForState(at t: Milliseconds, storage: TimeSeriesStore) {
        let querier = storage.querier(mint: t - Self.outageTolerance, maxt: t)
        for index in slots.indices {
            guard case .alerting(var rule) = slots[index].rule else { continue }
            let hold = rule.tracker.holdDuration
            // Rules that wait less than the grace period simply wait their full `for`.
            if hold >= Self.forGracePeriod {
                rule.tracker.restoreActiveAt { alert in
                    Self.restoredActiveAt(alert, hold: hold, at: t, querier: querier)
                }
            }
            rule.restored = true
            slots[index].rule = .alerting(rule)
        }
    }

    private static func restoredActiveAt(_ alert: Alert, hold: Milliseconds, at t: Milliseconds,
                                         querier: StoreQuerier) -> Milliseconds? {
        var pairs = alert.labels.pairs.filter { $0.name != Labels.metricName }
        pairs.append(Label(name: Labels.metricName, value: "ALERTS_FOR_STATE"))
        let labels = Labels(pairs)
        var matchers: [TSDB.LabelMatcher] = []
        for pair in labels.pairs {
            // Equality matchers cannot fail to build; a failure would only skip restoring.
            guard let matcher = try? TSDB.LabelMatcher(.equal, pair.name, pair.value) else { return nil }
            matchers.append(matcher)
        }
        guard let series = querier.select(matchers).first(where: { $0.labels == labels }),
              let last = series.points.last, last.v.isFinite, !isStaleNaN(last.v),
              Swift.abs(last.v) < 9e15 else { return nil }
        // Prometheus works in whole seconds here.
        let downAt = (last.t / 1000) * 1000
        var activeAt = Int64(last.v) * 1000
        let remaining = hold - (downAt - activeAt)
        if remaining <= 0 {
            return activeAt                        // it was firing; the next evaluation decides
        } else if remaining < forGracePeriod {
            activeAt = t + forGracePeriod - hold   // give it at least the grace period
        } else {
            activeAt += t - downAt                 // continue where it stopped
        }
        return activeAt
    }
}
