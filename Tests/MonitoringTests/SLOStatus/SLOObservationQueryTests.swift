import Testing
@testable import Monitoring

@Suite("Collecting an SLO observation from query results")
struct SLOObservationQueryTests {
    struct Unreachable: Error {}

    @Test("values per window, the engine's remaining budget and firing alerts by severity")
    func collects() async throws {
        let definition = try ServiceLevelStatusTests.definition()
        var asked: [String] = []
        let observation = await SLOObservation.collect(for: definition, coverage: 0.5) { promql in
            asked.append(promql)
            if promql.hasPrefix("slo:sli_error:ratio_rate5m{") { return [SLOQuerySample(labels: [:], value: 0.02)] }
            if promql.hasPrefix("slo:sli_error:ratio_rate1h{") { return [] }   // no traffic in 1h
            if promql.hasPrefix("slo:sli_error:ratio_rate") { return [SLOQuerySample(labels: [:], value: 0.0004)] }
            if promql.hasPrefix("slo:period_error_budget_remaining:ratio{") { return [SLOQuerySample(labels: [:], value: 0.6)] }
            if promql.hasPrefix("ALERTS{") {
                return [SLOQuerySample(labels: ["alertname": "KthenaBurn", "sloth_severity": "page"], value: 1)]
            }
            Issue.record("unexpected query \(promql)")
            return []
        }
        #expect(asked.count == 10)   // 8 windows, the budget, the alerts
        #expect(observation.windowErrorRatios[.minutes(5)] == 0.02)
        #expect(observation.windowErrorRatios[.hours(1)] == nil)
        #expect(observation.windowErrorRatios[.days(30)] == 0.0004)
        #expect(observation.errorBudgetRemaining == 0.6)
        #expect(observation.firingAlerts == [SLOFiringAlert(name: "KthenaBurn", severity: "page")])
        #expect(observation.coverage == 0.5)
        let status = ServiceLevelStatus.make(validation: .success(definition), observation: observation, generation: 1,
                                             previous: [], now: ServiceLevelStatusTests.t0)
        #expect(status.burnRate1h == "no traffic")
        #expect(status.burnRates?["5m"] == "20.00")
        #expect(status.conditions[.pageAlertFiring]?.status == .true)
    }

    @Test("query errors are passed on")
    func errors() async throws {
        let definition = try ServiceLevelStatusTests.definition()
        await #expect(throws: Unreachable.self) {
            _ = try await SLOObservation.collect(for: definition, coverage: nil) { _ in throw Unreachable() }
        }
    }
}
