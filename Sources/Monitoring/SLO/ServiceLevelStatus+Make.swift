import Foundation

extension ServiceLevelStatus {
    /// The status of a ServiceLevel: a pure function of its validation result, what the engine
    /// returned for its ``SLOStatusQueries`` (nil before the first evaluation), its
    /// `metadata.generation`, the conditions it had, and the evaluation time.
    ///
    /// Conditions keep their `lastTransitionTime` unless their status changes. No traffic is
    /// reported as such (`"no traffic"`, reason `NoTraffic`); NaN and ±Inf from the engine are
    /// treated as no traffic and never reach the status.
    ///
    /// ```swift
    /// let status = ServiceLevelStatus.make(validation: .success(definition), observation: observed,
    ///                                      generation: object.metadata.generation, previous: old.conditions,
    ///                                      now: clock.now)
    /// ```
    public static func make(validation: Result<SLODefinition, SLOValidationError>, observation: SLOObservation?,
                            generation: Int64, previous: [Condition], now: Date) -> ServiceLevelStatus {
        var conditions = previous
        func set(_ type: ConditionType, _ status: ConditionStatus, _ reason: ConditionReason, _ message: String) {
            conditions.set(type, status: status, reason: reason, message: message,
                           observedGeneration: generation, now: now)
        }
        let definition: SLODefinition
        switch validation {
        case .failure(let error):
            set(.accepted, .false, .invalidSpec, error.issues.map(\.description).joined(separator: "; "))
            set(.ready, .false, .invalidSpec, "the spec is invalid (see Accepted); no rules are generated")
            for type in [ConditionType.budgetExhausted, .pageAlertFiring, .ticketAlertFiring] {
                set(type, .unknown, .invalidSpec, "the spec is invalid (see Accepted)")
            }
            return ServiceLevelStatus(observedGeneration: generation, conditions: conditions)
        case .success(let valid):
            definition = valid
        }
        set(.accepted, .true, .rulesGenerated,
            "SLO \(definition.id) is valid; its recording rules and burn-rate alerts are generated")
        guard let observation else {
            set(.ready, .false, .awaitingEvaluation, "waiting for the engine's first evaluation of the SLO rules")
            for type in [ConditionType.budgetExhausted, .pageAlertFiring, .ticketAlertFiring] {
                set(type, .unknown, .awaitingEvaluation, "not evaluated yet")
            }
            return ServiceLevelStatus(observedGeneration: generation, conditions: conditions)
        }
        let values = SLOStatusValues(definition: definition, observation: observation)
        let period = definition.period.window
        if let sli = values.sli(period) {
            set(.ready, .true, .evaluated, "SLI \(sli) over \(period) (objective \(values.objectiveText)), "
                + "\(values.budgetRemainingText) of the error budget left")
        } else {
            set(.ready, .true, .noTraffic, "no traffic in the last \(period) yet; nothing to measure")
        }
        switch values.budgetRemaining {
        case nil:
            set(.budgetExhausted, .unknown, .noTraffic, "no traffic in the last \(period): the budget is untouched")
        case let remaining? where remaining <= 0:
            set(.budgetExhausted, .true, .budgetExhausted,
                "the \(period) error budget is exhausted: \(values.budgetRemainingText) left")
        case .some:
            set(.budgetExhausted, .false, .budgetRemaining, "\(values.budgetRemainingText) of the \(period) error budget left")
        }
        for (type, alert, severity, window) in [
            (ConditionType.pageAlertFiring, definition.pageAlert, "page", SLOWindow.hours(1)),
            (ConditionType.ticketAlertFiring, definition.ticketAlert, "ticket", SLOWindow.days(1)),
        ] {
            guard let alert, let name = definition.alertName else {
                set(type, .false, .alertDisabled, "the \(severity) alert is disabled in the spec")
                continue
            }
            let label = alert.labels["sloth_severity"] ?? severity
            let burn = "burn rate \(values.burnRate(window)) over \(window)"
            if observation.firingAlerts.contains(where: { $0.name == name && $0.severity == label }) {
                set(type, .true, .alertFiring, "\(name) (\(label)) is firing; \(burn)")
            } else {
                set(type, .false, .alertNotFiring, "\(name) (\(label)) is not firing; \(burn)")
            }
        }
        return ServiceLevelStatus(
            observedGeneration: generation, conditions: conditions,
            sli: values.sli(period) ?? SLOStatusValues.noTraffic,
            errorBudgetRemaining: values.budgetRemainingText,
            burnRate1h: values.burnRate(.hours(1)),
            burnRates: Dictionary(uniqueKeysWithValues: values.windows.map { ($0.description, values.burnRate($0)) }),
            windowSLI: Dictionary(uniqueKeysWithValues: values.windows.map {
                ($0.description, values.sli($0) ?? SLOStatusValues.noTraffic)
            }),
            firingAlerts: Array(Set(observation.firingAlerts.map(\.name))).sorted(),
            coverage: values.coverageText,
            lastEvaluationTime: RFC3339.string(from: now))
    }
}

/// The display values of one observation. Every number passes through `finite` first.
struct SLOStatusValues {
    static let noTraffic = "no traffic"

    let windows: [SLOWindow]
    let ratios: [SLOWindow: Double]
    /// The error budget as a ratio (0.001 for 99.9%); 0 for objective 100.
    let budget: Double
    let objectiveText: String
    let budgetRemaining: Double?
    let coverage: Double?

    init(definition: SLODefinition, observation: SLOObservation) {
        windows = definition.period.alertWindows.sliWindows + [definition.period.window]
        ratios = observation.windowErrorRatios.compactMapValues(Self.finite)
        let budget = max(0, 1 - definition.objective / 100)
        self.budget = budget
        objectiveText = SLONumberFormat.goG(definition.objective) + "%"
        var derived: Double? = nil
        if let periodRatio = ratios[definition.period.window], budget > 0 { derived = 1 - periodRatio / budget }
        budgetRemaining = Self.finite(observation.errorBudgetRemaining) ?? derived
        coverage = Self.finite(observation.coverage).map { min(1, max(0, $0)) }
    }

    static func finite(_ value: Double?) -> Double? {
        guard let value, value.isFinite else { return nil }
        return value
    }

    /// `99.953%`, or nil without traffic in `window`.
    func sli(_ window: SLOWindow) -> String? {
        ratios[window].map { $0 == 0 ? "100%" : Self.fixed((1 - $0) * 100, digits: 3) + "%" }
    }

    /// `0.35`, `no traffic`, or `no budget` (objective 100 with errors).
    func burnRate(_ window: SLOWindow) -> String {
        guard let ratio = ratios[window] else { return Self.noTraffic }
        if budget > 0 { return Self.fixed(ratio / budget, digits: 2) }
        return ratio == 0 ? "0.00" : "no budget"
    }

    var budgetRemainingText: String {
        budgetRemaining.map { Self.fixed($0 * 100, digits: 1) + "%" } ?? Self.noTraffic
    }

    var coverageText: String? { coverage.map { Self.fixed($0 * 100, digits: 1) + "%" } }

    /// Fixed-point text without a negative zero.
    static func fixed(_ value: Double, digits: Int) -> String {
        let text = String(format: "%.\(digits)f", value)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }
}
