/// One sample of an instant query result: its labels and value.
public struct SLOQuerySample: Sendable, Equatable {
    public var labels: [String: String]
    public var value: Double

    public init(labels: [String: String], value: Double) { (self.labels, self.value) = (labels, value) }
}

extension SLOObservation {
    /// Runs this SLO's status queries through `query` (an instant query at the evaluation
    /// time, on the embedded engine or a remote Prometheus) and collects the observation.
    /// `coverage` is the share of the period the engine holds data for, which only the caller
    /// knows.
    ///
    /// A query returning no sample leaves that value out (no traffic); more than one sample
    /// (e.g. duplicated series) takes the first, since every query selects by the SLO's
    /// identity labels. Errors from `query` are passed on.
    ///
    /// ```swift
    /// let observation = try await SLOObservation.collect(for: definition, coverage: share) { promql in
    ///     try await engine.instantQuery(promql, at: now).samples
    /// }
    /// ```
    public static func collect(for definition: SLODefinition, coverage: Double?,
                               query: (String) async throws -> [SLOQuerySample]) async rethrows -> SLOObservation {
        var ratios: [SLOWindow: Double] = [:]
        for (window, promql) in definition.windowErrorRatioQueries.sorted(by: { $0.key < $1.key }) {
            if let sample = try await query(promql).first { ratios[window] = sample.value }
        }
        let remaining = try await query(definition.statusQueries.errorBudgetRemaining).first?.value
        var firing: [SLOFiringAlert] = []
        if let alerts = definition.firingAlertsQuery {
            firing = try await query(alerts).compactMap { sample in
                guard let name = sample.labels["alertname"] else { return nil }
                return SLOFiringAlert(name: name, severity: sample.labels["sloth_severity"] ?? "")
            }
        }
        return SLOObservation(windowErrorRatios: ratios, errorBudgetRemaining: remaining,
                              firingAlerts: firing, coverage: coverage)
    }
}
