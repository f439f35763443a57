import Foundation
import Testing
@testable import Monitoring

@Suite("ServiceLevel status from engine values")
struct ServiceLevelStatusTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)   // 2027-01-15T08:00:00Z
    static let t1 = t0.addingTimeInterval(300)

    static func definition(objective: Double = 99.9, ticket: Bool = true) throws -> SLODefinition {
        var spec = ServiceLevel.Spec(
            service: "kthena-inference", name: "availability", objective: objective,
            sli: SLOIndicatorSpec(events: .init(errorQuery: "sum(rate(e[{{.window}}]))",
                                                totalQuery: "sum(rate(t[{{.window}}]))")),
            alerting: SLOAlertingSpec(name: "KthenaBurn"))
        if !ticket { spec.alerting?.ticketAlert = SLOAlertingSpec.Alert(disable: true) }
        let level = ServiceLevel(metadata: .init(name: "availability", namespace: "monitoring"), spec: spec)
        return try SLOValidator.definition(of: level, options: SLOGenerationOptions.vigil.checkingQueries())
    }

    /// The same error ratio in every window.
    static func observation(ratio: Double?, firing: [SLOFiringAlert] = [], coverage: Double? = 0.008) throws -> SLOObservation {
        let windows = try definition().period.alertWindows.sliWindows + [.days(30)]
        var ratios: [SLOWindow: Double] = [:]
        if let ratio { for window in windows { ratios[window] = ratio } }
        return SLOObservation(windowErrorRatios: ratios, firingAlerts: firing, coverage: coverage)
    }

    static func make(_ observation: SLOObservation?, definition: SLODefinition? = nil, previous: [Condition] = [],
                     now: Date = t0) throws -> ServiceLevelStatus {
        ServiceLevelStatus.make(validation: .success(try definition ?? Self.definition()), observation: observation,
                                generation: 4, previous: previous, now: now)
    }

    @Test("a healthy SLO: SLI, budget, burn rates and Ready=True with values in the message")
    func healthy() throws {
        let status = try Self.make(Self.observation(ratio: 0.00047))
        #expect(status.sli == "99.953%")
        #expect(status.errorBudgetRemaining == "53.0%")
        #expect(status.burnRate1h == "0.47")
        #expect(status.burnRates?.keys.sorted() == ["1d", "1h", "2h", "30d", "30m", "3d", "5m", "6h"])
        #expect(status.windowSLI?["5m"] == "99.953%")
        #expect(status.coverage == "0.8%")
        #expect(status.firingAlerts == [])
        #expect(status.observedGeneration == 4)
        #expect(status.lastEvaluationTime == "2027-01-15T08:00:00Z")
        #expect(status.conditions.map(\.type) == [.accepted, .ready, .budgetExhausted, .pageAlertFiring, .ticketAlertFiring])
        #expect(status.conditions.map(\.status) == [.true, .true, .false, .false, .false])
        #expect(status.conditions[.ready]?.message == "SLI 99.953% over 30d (objective 99.9%), 53.0% of the error budget left")
        #expect(status.conditions[.pageAlertFiring]?.message == "KthenaBurn (page) is not firing; burn rate 0.47 over 1h")
        #expect(status.conditions.allSatisfy { $0.observedGeneration == 4 })
    }

    @Test("an overspent budget is negative and sets BudgetExhausted; firing alerts set their conditions")
    func burning() throws {
        let firing = [SLOFiringAlert(name: "KthenaBurn", severity: "page"), SLOFiringAlert(name: "KthenaBurn", severity: "ticket")]
        let status = try Self.make(Self.observation(ratio: 0.0112, firing: firing))
        #expect(status.errorBudgetRemaining == "-1020.0%")
        #expect(status.burnRate1h == "11.20")
        #expect(status.firingAlerts == ["KthenaBurn"])
        #expect(status.conditions[.budgetExhausted]?.status == .true)
        #expect(status.conditions[.budgetExhausted]?.reason == .budgetExhausted)
        #expect(status.conditions[.pageAlertFiring]?.status == .true)
        #expect(status.conditions[.pageAlertFiring]?.message == "KthenaBurn (page) is firing; burn rate 11.20 over 1h")
        #expect(status.conditions[.ticketAlertFiring]?.status == .true)
    }

    @Test("the engine's remaining budget wins over the one derived from the period SLI")
    func engineBudget() throws {
        var observation = try Self.observation(ratio: 0.0005)
        observation.errorBudgetRemaining = 0.25
        #expect(try Self.make(observation).errorBudgetRemaining == "25.0%")
    }

    @Test("no traffic, NaN and Inf are reported as no traffic, never as numbers",
          arguments: [nil, Double.nan, Double.infinity, -Double.infinity])
    func noTraffic(_ ratio: Double?) throws {
        var observation = try Self.observation(ratio: ratio, coverage: .nan)
        if ratio == nil { observation.errorBudgetRemaining = nil } else { observation.errorBudgetRemaining = ratio }
        let status = try Self.make(observation)
        #expect(status.sli == "no traffic")
        #expect(status.errorBudgetRemaining == "no traffic")
        #expect(status.burnRate1h == "no traffic")
        #expect(status.windowSLI?.values.allSatisfy { $0 == "no traffic" } == true)
        #expect(status.coverage == nil)
        #expect(status.conditions[.ready]?.status == .true)
        #expect(status.conditions[.ready]?.reason == .noTraffic)
        #expect(status.conditions[.budgetExhausted]?.status == .unknown)
        let values = [status.sli, status.errorBudgetRemaining, status.burnRate1h, status.coverage].compactMap { $0 }
            + Array((status.burnRates ?? [:]).values) + Array((status.windowSLI ?? [:]).values)
        #expect(values.allSatisfy { !$0.lowercased().contains("nan") && !$0.lowercased().contains("inf") })
        _ = try JSONEncoder().encode(status)   // throws on a non-finite number
    }

    @Test("before the first evaluation Ready is False and the alert conditions Unknown")
    func awaiting() throws {
        let status = try Self.make(nil)
        #expect(status.conditions[.accepted]?.status == .true)
        #expect(status.conditions[.ready]?.status == .false)
        #expect(status.conditions[.ready]?.reason == .awaitingEvaluation)
        #expect(status.conditions[.pageAlertFiring]?.status == .unknown)
        #expect(status.sli == nil && status.lastEvaluationTime == nil)
    }

    @Test("an invalid spec: Accepted=False listing every issue, Ready=False, no values")
    func invalid() {
        let error = SLOValidationError(issues: [
            SLOValidationIssue(path: "spec.objective", reason: .objectiveOutOfRange, message: "objective must be below 100"),
            SLOValidationIssue(path: "spec.sli.events.errorQuery", reason: .invalidQuery, message: "1:4: parse error: x"),
        ])
        let status = ServiceLevelStatus.make(validation: .failure(error), observation: nil, generation: 2,
                                             previous: [], now: Self.t0)
        #expect(status.conditions[.accepted]?.status == .false)
        #expect(status.conditions[.accepted]?.reason == .invalidSpec)
        #expect(status.conditions[.accepted]?.message
            == "spec.objective: objective must be below 100 (ObjectiveOutOfRange); spec.sli.events.errorQuery: 1:4: parse error: x (InvalidQuery)")
        #expect(status.conditions[.ready]?.status == .false)
        #expect(status.sli == nil && status.burnRates == nil)
    }

    @Test("a disabled ticket alert is False with AlertDisabled")
    func disabledAlert() throws {
        let status = try Self.make(Self.observation(ratio: 0.0001), definition: Self.definition(ticket: false))
        #expect(status.conditions[.ticketAlertFiring]?.status == .false)
        #expect(status.conditions[.ticketAlertFiring]?.reason == .alertDisabled)
    }

    @Test("lastTransitionTime moves only for conditions whose status changed")
    func transitions() throws {
        let first = try Self.make(Self.observation(ratio: 0.0002))
        let second = try Self.make(Self.observation(ratio: 0.0003, firing: [SLOFiringAlert(name: "KthenaBurn", severity: "page")]),
                                   previous: first.conditions, now: Self.t1)
        #expect(second.conditions[.ready]?.lastTransitionTime == Self.t0)
        #expect(second.conditions[.ready]?.message != first.conditions[.ready]?.message)
        #expect(second.conditions[.pageAlertFiring]?.lastTransitionTime == Self.t1)
        #expect(second.conditions[.ticketAlertFiring]?.lastTransitionTime == Self.t0)
        let third = try Self.make(Self.observation(ratio: 0.0003, firing: [SLOFiringAlert(name: "KthenaBurn", severity: "page")]),
                                  previous: second.conditions, now: Self.t1.addingTimeInterval(60))
        #expect(third.conditions == second.conditions)
    }

    @Test("objective 100 (Sloth input) never divides by a zero budget")
    func zeroBudget() throws {
        var definition = try Self.definition()
        definition.objective = 100
        let clean = try Self.make(Self.observation(ratio: 0), definition: definition)
        #expect(clean.sli == "100%" && clean.burnRate1h == "0.00")
        let failing = try Self.make(Self.observation(ratio: 0.01), definition: definition)
        #expect(failing.burnRate1h == "no budget")
        #expect(failing.errorBudgetRemaining == "no traffic")
    }

    @Test("status JSON uses the contract's camelCase keys")
    func jsonKeys() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try JSONSerialization.jsonObject(with: encoder.encode(Self.make(Self.observation(ratio: 0.001))))
        let keys = (json as? [String: Any])?.keys.sorted()
        #expect(keys == ["burnRate1h", "burnRates", "conditions", "coverage", "errorBudgetRemaining", "firingAlerts",
                         "lastEvaluationTime", "observedGeneration", "sli", "windowSLI"])
    }

    @Test("status queries cover every window and the SLO's firing alerts")
    func queries() throws {
        let definition = try Self.definition()
        let windows = definition.windowErrorRatioQueries
        #expect(windows.count == 8)
        #expect(windows[.hours(1)]?.hasPrefix("slo:sli_error:ratio_rate1h{sloth_id=") == true)
        #expect(definition.firingAlertsQuery == #"ALERTS{alertname="KthenaBurn", alertstate="firing", "#
            + #"sloth_id="kthena-inference-availability", sloth_service="kthena-inference", sloth_slo="availability"}"#)
        for query in [definition.firingAlertsQuery ?? ""] + Array(windows.values) {
            #expect(PromQLCheck.problem(in: query) == nil, "\(query)")
        }
    }
}
