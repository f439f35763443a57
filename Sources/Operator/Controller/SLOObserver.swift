import Foundation
import Monitoring
import PromQL
import TSDB

/// Reads an SLO's state from the embedded engine through Monitoring's
/// `SLOObservation.collect`: the recorded error ratio of each window, the budget left and
/// the firing burn-rate alerts, as the input of `Monitoring.ServiceLevelStatus.make`.
struct SLOObserver: Sendable {
    let storage: TimeSeriesStore
    let engine = Engine()

    /// `nil` until the rules have recorded a ratio for this SLO (before the first
    /// evaluation): status then says it is waiting rather than "no traffic".
    func observe(_ definition: SLODefinition, at now: Date) async -> SLOObservation? {
        let time = Int64(now.timeIntervalSince1970 * 1000)
        let observation = await SLOObservation.collect(for: definition, coverage: coverage(of: definition, at: time)) { query in
            samples(query, at: time)
        }
        return observation.windowErrorRatios.isEmpty ? nil : observation
    }

    /// The share of the SLO period for which the engine holds the SLO's shortest-window
    /// error ratio: from its oldest sample within the period to `time`. The store only holds
    /// what Vigil recorded (and restored from a snapshot), so a young installation shows
    /// how little of the period its budget figures rest on.
    func coverage(of definition: SLODefinition, at time: Int64) -> Double? {
        let periodMilliseconds = Int64(definition.period.window.seconds) * 1000
        guard periodMilliseconds > 0,
              let name = try? LabelMatcher(.equal, "__name__", "slo:sli_error:ratio_rate5m"),
              let id = try? LabelMatcher(.equal, "sloth_id", definition.id) else { return nil }
        let series = storage.querier(mint: time - periodMilliseconds, maxt: time).select([name, id])
        // Only each series' first real sample matters: iterate, do not decode the period.
        let oldest = series.compactMap { series -> Int64? in
            var samples = series.makeIterator()
            while let point = samples.next() {
                if !point.v.isNaN { return point.t }
            }
            return nil
        }.min()
        guard let oldest else { return nil }
        return Double(max(0, time - oldest)) / Double(periodMilliseconds)
    }

    private func samples(_ query: String, at time: Int64) -> [SLOQuerySample] {
        // A query that fails counts as no sample; the status function reports missing
        // data itself, so the error adds nothing there.
        guard let value = try? engine.instantQuery(query, at: time, on: storage) else { return [] }
        switch value {
        case .scalar(let number): return [SLOQuerySample(labels: [:], value: number)]
        case .vector(let vector):
            return vector.map { sample in
                SLOQuerySample(labels: Dictionary(sample.labels.pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
                               value: sample.value)
            }
        default: return []
        }
    }
}
